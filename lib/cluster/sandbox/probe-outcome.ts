import { runsImageServer } from "./container-process";
import type { Output } from "./exec-network";
import { parseImage, pullImage } from "./image-catalog";

// What one probe of a simulated container gives, decided by what the container runs: the image's server on its
// ports (answering the paths it really serves), or a command the sandbox's shell runs. Messages are the kubelet's.

export type Probe = {
  httpGet?: { port?: number | string; path?: string; host?: string; scheme?: string };
  tcpSocket?: { port?: number | string; host?: string };
  exec?: { command?: string[] };
  grpc?: { port?: number; service?: string };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
};

/** `errored` when the probe could not run at all (kubelet: "probe errored"), which counts as a failure. */
export type ProbeResult = { ok: true } | { ok: false; message: string; errored?: boolean };

type ProbedContainer = { name?: string; image?: string; command?: string[]; args?: string[]; ports?: { name?: string; containerPort?: number }[] };

export type ProbeTarget = {
  podIP: string;
  /** The probed container (its named ports) and every container of the pod (they share one network). */
  container: ProbedContainer;
  containers: ProbedContainer[];
  /** Runs argv in the container, as `kubectl exec` would (the sandbox's shell). */
  exec(argv: string[]): Output;
};

type App = { http: true; paths: string[] } | { http: false };

/** What answers on `port` of the pod: an HTTP server and the paths it serves, another server, or nothing. */
export function listenerOn(containers: ProbedContainer[], port: number): App | undefined {
  for (const container of containers) {
    const pulled = pullImage(container.image ?? "");
    if (!pulled.ok || !pulled.image.ports.includes(port) || !runsImageServer(pulled.image, container.command, container.args)) continue;
    const repo = parseImage(container.image ?? "").repository;
    if (repo.endsWith("/nginx")) return { http: true, paths: ["/", "/index.html", "/50x.html"] };
    if (repo.endsWith("/httpd")) return { http: true, paths: ["/", "/index.html"] };
    if (repo.startsWith("docker.io/nigelpoulton/")) return { http: true, paths: ["/"] };
    return { http: false };
  }
  return undefined;
}

function resolvePort(container: ProbedContainer, port: number | string | undefined): number | string {
  if (typeof port === "number") return port;
  if (port !== undefined && /^\d+$/.test(port)) return Number(port);
  const named = (container.ports ?? []).find((p) => p.name === port);
  return named?.containerPort ?? `port ${port ?? ""} not found`;
}

export function probeOutcome(probe: Probe, target: ProbeTarget): ProbeResult {
  if (probe.exec) {
    const argv = probe.exec.command ?? [];
    const result = target.exec(argv);
    // The kubelet reports an exec probe's combined output as the failure message.
    return result.exitCode === 0 ? { ok: true } : { ok: false, message: `${result.stdout}${result.stderr}`.replace(/\n$/, "") };
  }
  const handler = probe.httpGet ?? probe.tcpSocket ?? probe.grpc;
  if (!handler) return { ok: true };
  const port = resolvePort(target.container, handler.port);
  if (typeof port === "string") return { ok: false, message: port, errored: true };
  const host = ("host" in handler ? handler.host : undefined) ?? target.podIP;
  const app = host === target.podIP ? listenerOn(target.containers, port) : undefined;
  const refused = `dial tcp ${host}:${port}: connect: connection refused`;
  if (probe.httpGet) {
    const path = probe.httpGet.path ?? "/";
    const url = `${(probe.httpGet.scheme ?? "HTTP").toLowerCase()}://${host}:${port}${path}`;
    if (!app) return { ok: false, message: `Get "${url}": ${refused}` };
    if (!app.http) return { ok: false, message: `Get "${url}": net/http: HTTP/1.x transport connection broken: malformed HTTP response` };
    return app.paths.includes(path.split("?")[0] ?? "/") ? { ok: true } : { ok: false, message: "HTTP probe failed with statuscode: 404" };
  }
  if (probe.grpc) return app ? { ok: true } : { ok: false, message: `timeout: failed to connect service "${host}:${port}" within ${probe.timeoutSeconds ?? 1}s: context deadline exceeded` };
  return app ? { ok: true } : { ok: false, message: refused };
}
