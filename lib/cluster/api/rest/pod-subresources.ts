import type { KubeObject } from "../../store/object-store";
import { ApiError, badRequest, conflict } from "../status";
import type { ApiContext } from "./api-context";
import { getObject } from "./get-object";
import { containerCommand } from "../../sandbox/container-env";
import { containerLogLines } from "../../sandbox/container-logs";
import { storeContainerRuntime } from "../../sandbox/container-runtime";
import { environmentSource } from "./environment-source";
import type { Target } from "./target";
import { writeUpdate } from "./update-object";

/**
 * POST pods/{name}/binding: how a scheduler assigns a pod to a node. Only an unassigned pod can be bound, as
 * in Kubernetes; the node is written to spec.nodeName.
 */
export async function bindPod(ctx: ApiContext, target: Target, binding: unknown, dryRun: boolean): Promise<KubeObject> {
  const nodeName = (binding as { target?: { name?: unknown } } | null)?.target?.name;
  if (typeof nodeName !== "string" || nodeName === "") throw badRequest("a Binding must name a target node (target.name)");
  return writeUpdate(
    ctx,
    { ...target, subresource: "" },
    (pod) => {
      const spec = (pod.spec ?? {}) as { nodeName?: string };
      if (spec.nodeName) {
        throw new ApiError(409, "Conflict", `Operation cannot be fulfilled on pods/binding "${target.name}": pod ${target.name} is already assigned to node "${spec.nodeName}"`, {
          name: target.name,
          kind: "pods/binding",
        });
      }
      if (pod.metadata.deletionTimestamp) throw conflict({ group: "", resource: "pods/binding", name: target.name });
      return { ...pod, spec: { ...spec, nodeName } };
    },
    { dryRun },
  );
}

export type LogOptions = { container: string | null; previous: boolean; timestamps: boolean; tailLines?: number; sinceSeconds?: number; limitBytes?: number };

type Terminated = { startedAt?: string; finishedAt: string };
type LogStatus = { name: string; restartCount?: number; state?: { waiting?: { reason?: string }; running?: { startedAt: string }; terminated?: Terminated }; lastState?: { terminated?: Terminated } };

/**
 * GET pods/{name}/log: what the simulated container printed (lib/cluster/sandbox/container-logs.ts), for the
 * current run or, with `previous`, the one before the last restart. Until a container has started, the answer
 * is Kubernetes' own 400.
 */
export async function podLog(ctx: ApiContext, target: Target, options: LogOptions): Promise<string> {
  const pod = await getObject(ctx, { ...target, subresource: "" });
  type Container = { name?: string; image?: string; command?: string[]; args?: string[] };
  const spec = (pod.spec ?? {}) as { containers?: Container[]; initContainers?: Container[] };
  const containers = (spec.containers ?? []).map((c) => c.name ?? "");
  const all = [...containers, ...(spec.initContainers ?? []).map((c) => c.name ?? "")];
  const container = options.container;
  const name = container ?? containers[0] ?? "";
  if (container !== null && !all.includes(container)) {
    throw badRequest(`container ${container} is not valid for pod ${target.name}`);
  }
  if (container === null && containers.length > 1) {
    throw badRequest(`a container name must be specified for pod ${target.name}, choose one of: [${containers.join(" ")}]`);
  }
  const podStatus = (pod.status ?? {}) as { containerStatuses?: LogStatus[]; initContainerStatuses?: LogStatus[] };
  const status = [...(podStatus.containerStatuses ?? []), ...(podStatus.initContainerStatuses ?? [])].find((s) => s.name === name);
  const run = options.previous ? previousRun(status) : currentRun(status);
  if (!run) {
    if (options.previous) throw badRequest(`previous terminated container "${name}" in pod "${target.name}" not found`);
    throw badRequest(`container "${name}" in pod "${target.name}" is waiting to start: ${status?.state?.waiting?.reason ?? "ContainerCreating"}`);
  }
  const containerSpec = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].find((c) => c.name === name) ?? {};
  // The process echoes what the kubelet started: command and args with their $(VAR) references filled in, as
  // the runtime recorded them at that start (or, for a run it did not record, as they resolve now).
  const refersToEnv = [...(containerSpec.command ?? []), ...(containerSpec.args ?? [])].some((arg) => arg.includes("$("));
  const restartCount = (status?.restartCount ?? 0) - (options.previous ? 1 : 0);
  const recorded = refersToEnv ? await storeContainerRuntime(ctx.store, ctx.cluster).get({ namespace: target.namespace, podUid: pod.metadata.uid ?? "", container: name, restartCount }) : undefined;
  const started = recorded
    ? { ...containerSpec, ...(recorded.command ? { command: recorded.command } : {}), ...(recorded.args ? { args: recorded.args } : {}) }
    : refersToEnv
      ? { ...containerSpec, ...containerCommand(await environmentSource(ctx, target.namespace), pod, { ...containerSpec, name }) }
      : containerSpec;
  const now = ctx.clock.now().getTime();
  let lines = containerLogLines(started, run.from, run.until ?? now, target.name);
  if (options.sinceSeconds !== undefined) lines = lines.filter((l) => l.at >= now - (options.sinceSeconds ?? 0) * 1000);
  if (options.tailLines !== undefined) lines = options.tailLines === 0 ? [] : lines.slice(-options.tailLines);
  let text = lines.map((l) => `${options.timestamps ? `${new Date(l.at).toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z")} ` : ""}${l.text}\n`).join("");
  if (options.limitBytes !== undefined) text = text.slice(0, options.limitBytes);
  return text;
}

function currentRun(status: LogStatus | undefined): { from: number; until?: number } | undefined {
  if (status?.state?.running) return { from: Date.parse(status.state.running.startedAt) };
  const ended = status?.state?.terminated ?? (status?.state?.waiting ? status.lastState?.terminated : undefined);
  if (ended?.startedAt) return { from: Date.parse(ended.startedAt), until: Date.parse(ended.finishedAt) };
  return undefined;
}

function previousRun(status: LogStatus | undefined): { from: number; until?: number } | undefined {
  const last = status?.lastState?.terminated;
  return last?.startedAt ? { from: Date.parse(last.startedAt), until: Date.parse(last.finishedAt) } : undefined;
}
