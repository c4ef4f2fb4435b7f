import { describe, expect, it } from "vitest";
import { containerLogLines } from "./container-logs";

const t0 = Date.parse("2026-03-01T10:00:00Z");

describe("container logs", () => {
  it("prints nginx's start-up lines with its version and time", () => {
    const lines = containerLogLines({ image: "nginx:1.27.3" }, t0, t0 + 5_000, "web").map((l) => l.text);
    expect(lines[0]).toBe("/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration");
    expect(lines).toContain("2026/03/01 10:00:00 [notice] 1#1: nginx/1.27.3");
  });

  it("prints what a command echoes, repeating a loop's echo every period", () => {
    const spec = { image: "busybox", command: ["sh", "-c", "echo starting; while true; do echo hello from $(hostname); sleep 5; done"] };
    const lines = containerLogLines(spec, t0, t0 + 12_000, "pod-1");
    expect(lines.map((l) => l.text)).toEqual(["starting", "hello from pod-1", "hello from pod-1", "hello from pod-1"]);
    expect(lines.map((l) => l.at - t0)).toEqual([0, 0, 5_000, 10_000]);
  });

  it("prints nothing for an image that does not exist", () => {
    expect(containerLogLines({ image: "ngnix" }, t0, t0 + 1000, "x")).toEqual([]);
  });
});
