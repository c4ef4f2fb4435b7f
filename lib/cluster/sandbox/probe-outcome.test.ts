import { describe, expect, it } from "vitest";
import { probeOutcome, type ProbeTarget } from "./probe-outcome";

const nginx = { name: "web", image: "nginx:1.27", ports: [{ name: "http", containerPort: 80 }] };
const target = (container: ProbeTarget["container"], exitCode = 0, output = ""): ProbeTarget => ({
  podIP: "10.244.1.5",
  container,
  containers: [container],
  exec: () => ({ stdout: output, stderr: "", exitCode }),
});

describe("probeOutcome", () => {
  it("passes an httpGet probe on a port and path the image's server answers, by number or by name", () => {
    expect(probeOutcome({ httpGet: { port: 80, path: "/" } }, target(nginx))).toEqual({ ok: true });
    expect(probeOutcome({ httpGet: { port: "http", path: "/index.html" } }, target(nginx))).toEqual({ ok: true });
  });

  it("fails an httpGet probe where nothing listens, or on a path the app does not serve, in the kubelet's words", () => {
    expect(probeOutcome({ httpGet: { port: 8080, path: "/" } }, target(nginx))).toEqual({
      ok: false,
      message: 'Get "http://10.244.1.5:8080/": dial tcp 10.244.1.5:8080: connect: connection refused',
    });
    expect(probeOutcome({ httpGet: { port: 80, path: "/healthz" } }, target(nginx))).toEqual({ ok: false, message: "HTTP probe failed with statuscode: 404" });
    expect(probeOutcome({ httpGet: { port: "metrics" } }, target(nginx))).toMatchObject({ ok: false, errored: true });
  });

  it("finds nothing listening when the container runs a command instead of the image's server", () => {
    const sleeper = { name: "web", image: "nginx", command: ["sleep", "3600"] };
    expect(probeOutcome({ tcpSocket: { port: 80 } }, target(sleeper))).toEqual({ ok: false, message: "dial tcp 10.244.1.5:80: connect: connection refused" });
  });

  it("checks tcpSocket and grpc probes by whether the port is open", () => {
    const redis = { name: "db", image: "redis:7" };
    expect(probeOutcome({ tcpSocket: { port: 6379 } }, target(redis))).toEqual({ ok: true });
    expect(probeOutcome({ grpc: { port: 6379 } }, target(redis))).toEqual({ ok: true });
    expect(probeOutcome({ grpc: { port: 9000 } }, target(redis))).toMatchObject({ ok: false });
  });

  it("passes an exec probe that exits 0 and reports a failing one's output", () => {
    expect(probeOutcome({ exec: { command: ["true"] } }, target(nginx))).toEqual({ ok: true });
    expect(probeOutcome({ exec: { command: ["cat", "/tmp/healthy"] } }, target(nginx, 1, "cat: can't open '/tmp/healthy': No such file or directory\n"))).toEqual({
      ok: false,
      message: "cat: can't open '/tmp/healthy': No such file or directory",
    });
  });
});
