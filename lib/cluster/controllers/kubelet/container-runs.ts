import { dependsOnObjects, resolveRun } from "../../sandbox/container-env";
import type { ContainerRun, ContainerRuntime } from "../../sandbox/container-runtime";
import { containerView } from "../../sandbox/container-view";
import { execArgv } from "../../sandbox/exec-shell";
import { probeOutcome } from "../../sandbox/probe-outcome";
import type { KubeObject } from "../../store/object-store";
import type { Cache } from "../runtime/controller";
import { eventsByInvolvedUid } from "../runtime/event-recorder";
import { resources } from "../runtime/resource-id";
import type { ContainerSpec, ContainerStatus } from "./container-status";
import type { ProbeKind } from "./probe-container";
import type { ContainerEnv } from "./run-container";

// The kubelet's side of the container runtime: which runs it reads back (those whose start fixed something or
// whose probes read files), the runs it records as it starts containers, and the probes it runs against them.

type PodSpec = { containers?: ContainerSpec[]; initContainers?: ContainerSpec[] };
type Statuses = { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] };

const specsOf = (pod: KubeObject) => [...((pod.spec ?? {}) as PodSpec).containers ?? [], ...((pod.spec ?? {}) as PodSpec).initContainers ?? []];
const statusesOf = (status: unknown) => [...((status ?? {}) as Statuses).containerStatuses ?? [], ...((status ?? {}) as Statuses).initContainerStatuses ?? []];
const hasExecProbe = (spec: ContainerSpec) => [spec.startupProbe, spec.livenessProbe, spec.readinessProbe].some((p) => p?.exec);
const needsRecord = (spec: ContainerSpec) => dependsOnObjects(spec) || hasExecProbe(spec);
const runId = (name: string, restartCount: number) => `${name}/${restartCount}`;

/** The recorded runs of the pod's running containers that this pass needs. */
export async function loadRuns(runtime: ContainerRuntime | undefined, pod: KubeObject): Promise<Map<string, ContainerRun>> {
  const runs = new Map<string, ContainerRun>();
  if (!runtime) return runs;
  for (const status of statusesOf(pod.status)) {
    const spec = specsOf(pod).find((c) => c.name === status.name);
    if (!spec || !("running" in status.state) || !needsRecord(spec)) continue;
    const run = await runtime.get({ namespace: pod.metadata.namespace ?? "", podUid: pod.metadata.uid ?? "", container: spec.name, restartCount: status.restartCount });
    if (run) runs.set(runId(spec.name, status.restartCount), run);
  }
  return runs;
}

/** Records the runs this pass started, before the status that announces them is written. */
export async function recordStarts(runtime: ContainerRuntime | undefined, cache: Cache, pod: KubeObject, podIP: string, newStatus: unknown): Promise<void> {
  if (!runtime) return;
  const before = new Set(statusesOf(pod.status).filter((s) => "running" in s.state || "terminated" in s.state).map((s) => runId(s.name, s.restartCount)));
  for (const status of statusesOf(newStatus)) {
    const spec = specsOf(pod).find((c) => c.name === status.name);
    if (!spec || !("running" in status.state) || before.has(runId(status.name, status.restartCount)) || !dependsOnObjects(spec)) continue;
    await runtime.started(pod.metadata.namespace ?? "", resolveRun(cache, { ...pod, status: { ...(pod.status ?? {}), podIP } }, spec, status.restartCount, Date.parse(status.state.running.startedAt)));
  }
}

/** `run` for runContainer: recorded runs where there are, otherwise the run as it would start now. */
export function runsOf(cache: Cache, pod: KubeObject, podIP: string, runs: Map<string, ContainerRun>): NonNullable<ContainerEnv["run"]> {
  const withIP = { ...pod, status: { ...(pod.status ?? {}), podIP } };
  const containers = ((pod.spec ?? {}) as PodSpec).containers ?? [];
  return (spec, restartCount) => {
    // Resolved only when something needs it: most containers' argv is the spec's, and only exec probes read files.
    let resolved: ContainerRun | undefined;
    const run = () => (resolved ??= runs.get(runId(spec.name, restartCount)) ?? resolveRun(cache, withIP, spec, restartCount, 0));
    const argv = runs.has(runId(spec.name, restartCount)) || dependsOnObjects(spec) ? run() : spec;
    const fieldPath = containers.some((c) => c.name === spec.name) ? `spec.containers{${spec.name}}` : `spec.initContainers{${spec.name}}`;
    return {
      ...(argv.command ? { command: argv.command } : {}),
      ...(argv.args ? { args: argv.args } : {}),
      prober: {
        outcome: (probe, at) =>
          probeOutcome(probe, {
            podIP,
            container: spec,
            containers,
            exec: (argv) => {
              const view = containerView(cache, withIP, spec.name, run(), at);
              return view ? execArgv(cache, view, argv, () => at) : { stdout: "", stderr: "", exitCode: 1 };
            },
          }),
        changes: hasExecProbe(spec) ? [...new Set(run().files.map((f) => f.at))].sort((a, b) => a - b) : [],
        lastReportedAt: (kind) => lastUnhealthy(cache, pod, fieldPath, kind),
      },
    };
  };
}

function lastUnhealthy(cache: Cache, pod: KubeObject, fieldPath: string, kind: ProbeKind): number | undefined {
  let last: number | undefined;
  for (const event of cache.indexed(resources.events, eventsByInvolvedUid, pod.metadata.uid ?? "")) {
    const io = event.involvedObject as { fieldPath?: string } | undefined;
    if (event.reason !== "Unhealthy" || io?.fieldPath !== fieldPath || !String(event.message).startsWith(`${kind} probe`)) continue;
    const at = Date.parse(String(event.lastTimestamp));
    if (last === undefined || at > last) last = at;
  }
  return last;
}
