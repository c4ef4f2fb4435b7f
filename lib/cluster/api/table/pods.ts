import type { Container, ContainerStatus, Pod, PodCondition } from "kubernetes-types/core/v1";
import { ageColumn, column, nameColumn, wide } from "./columns";
import { docs } from "./descriptions";
import { age, parseTime, timestampSince } from "./format";
import { definePrinter, type TableCell, type TableRowCondition } from "./types";

// kubectl's pod STATUS column is not the phase: it is printers.go's summary of phase, reason, init containers
// and container states. Reproduced branch for branch (Kubernetes 1.32+ semantics, sidecars included).

const podColumns = [
  nameColumn,
  column("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
  column("Status", "string", "The aggregate status of the containers in this pod."),
  column(
    "Restarts",
    "string",
    "The number of times the containers in this pod have been restarted and when the last container in this pod " +
      "has restarted.",
  ),
  ageColumn,
  wide("IP", "string", docs.podIP),
  wide("Node", "string", docs.podNodeName),
  wide("Nominated Node", "string", docs.podNominatedNodeName),
  wide("Readiness Gates", "string", docs.podReadinessGates),
];

/** The pod's summary: READY, STATUS, RESTARTS as kubectl shows them. */
export type PodSummary = { ready: string; status: string; restarts: string };

const isRestartable = (container: Container | undefined) => container?.restartPolicy === "Always";
const isTerminalPhase = (phase: string | undefined) => phase === "Failed" || phase === "Succeeded";

/** isPodInitializedConditionTrue: the first Initialized condition decides. */
function initialized(conditions: PodCondition[] | undefined): boolean {
  return conditions?.find((c) => c.type === "Initialized")?.status === "True";
}

/** hasPodReadyCondition: any Ready=True condition. */
function ready(conditions: PodCondition[] | undefined): boolean {
  return conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

/** Restart count and latest restart time, accumulated like printers.go does. */
class Restarts {
  count = 0;
  last: Date | undefined;

  add(status: ContainerStatus): void {
    this.count += status.restartCount ?? 0;
    const finished = status.lastState?.terminated ? parseTime(status.lastState.terminated.finishedAt) : undefined;
    if (finished && (!this.last || this.last < finished)) this.last = finished;
  }
}

export function summarizePod(pod: Pod, now: Date): PodSummary {
  const spec = pod.spec;
  const status = pod.status ?? {};
  let restarts = new Restarts();
  const restartableInit = new Restarts();
  let totalContainers = spec?.containers?.length ?? 0;
  let readyContainers = 0;

  let reason = status.reason || status.phase || "";
  if (status.conditions?.some((c) => c.type === "PodScheduled" && c.reason === "SchedulingGated")) {
    reason = "SchedulingGated";
  }

  const initContainers = new Map<string, Container>();
  for (const container of spec?.initContainers ?? []) {
    initContainers.set(container.name, container);
    if (isRestartable(container)) totalContainers++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (const [i, container] of initStatuses.entries()) {
    restarts.add(container);
    const restartable = isRestartable(initContainers.get(container.name));
    if (restartable) restartableInit.add(container);
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (restartable && container.started === true) {
      if (container.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!terminated.reason) {
        reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode ?? 0}`;
      } else {
        reason = `Init:${terminated.reason}`;
      }
    } else if (waiting?.reason && waiting.reason !== "PodInitializing") {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${spec?.initContainers?.length ?? 0}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initialized(status.conditions)) {
    restarts = restartableInit;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const container = statuses[i];
      if (!container) continue;
      restarts.add(container);
      const waiting = container.state?.waiting;
      const terminated = container.state?.terminated;
      if (waiting?.reason) {
        reason = waiting.reason;
      } else if (terminated?.reason) {
        reason = terminated.reason;
      } else if (terminated) {
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      } else if (container.ready && container.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose last container completed but another still runs is not "Completed".
    if (reason === "Completed" && hasRunning) {
      reason = ready(status.conditions) ? "Running" : "NotReady";
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === "NodeLost") {
    reason = "Unknown";
  } else if (pod.metadata?.deletionTimestamp && !isTerminalPhase(status.phase)) {
    reason = "Terminating";
  }

  const restartsText =
    restarts.count !== 0 && restarts.last
      ? `${restarts.count} (${timestampSince(restarts.last, now)} ago)`
      : String(restarts.count);
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartsText };
}

function readinessGates(pod: Pod): string {
  const gates = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return "<none>";
  const conditions = pod.status?.conditions ?? [];
  const trueCount = gates.filter(
    (gate) => conditions.find((c) => c.type === gate.conditionType)?.status === "True",
  ).length;
  return `${trueCount}/${gates.length}`;
}

const succeeded: TableRowCondition[] = [
  { type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." },
];
const failed: TableRowCondition[] = [
  { type: "Completed", status: "True", reason: "Failed", message: "The pod failed." },
];

export const podPrinter = definePrinter<Pod>({
  columns: podColumns,
  cells(pod, { now }): TableCell[] {
    const summary = summarizePod(pod, now);
    return [
      pod.metadata?.name ?? "",
      summary.ready,
      summary.status,
      summary.restarts,
      age(pod, now),
      // The v1 → internal conversion fills podIPs from podIP, so either names the primary IP.
      pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || "<none>",
      pod.spec?.nodeName || "<none>",
      pod.status?.nominatedNodeName || "<none>",
      readinessGates(pod),
    ];
  },
  conditions(pod) {
    if (pod.status?.phase === "Succeeded") return succeeded;
    if (pod.status?.phase === "Failed") return failed;
    return undefined;
  },
});
