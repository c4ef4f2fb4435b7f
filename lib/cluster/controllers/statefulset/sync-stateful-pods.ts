import { messageOf } from "../deployment/create-replica-pods";
import { isPodAvailable } from "../deployment/pod-readiness";
import type { ReconcileContext } from "../runtime/controller";
import { resources } from "../runtime/resource-id";
import type { Revision } from "./controller-revisions";
import { ensureClaims, setInvolved, updateClaimOwners } from "./stateful-claims";
import {
  identityMatches,
  isFinished,
  isRunningAndReady,
  isTerminating,
  kube,
  newStatefulPod,
  POD_INDEX_LABEL,
  POD_NAME_LABEL,
  podName,
  podRevision,
  startOrdinal,
  type Pod,
  type StatefulSet,
} from "./stateful-identity";

export type Revisions = { current: Revision; update: Revision };

/** The set's pods split by ordinal: `replicas[i]` holds ordinal start+i (or nothing), `condemned` the rest, highest first. */
export function slotPods(set: StatefulSet, pods: { pod: Pod; ordinal: number }[]): { replicas: (Pod | undefined)[]; condemned: { pod: Pod; ordinal: number }[] } {
  const start = startOrdinal(set);
  const replicas: (Pod | undefined)[] = Array.from({ length: set.spec?.replicas ?? 1 }, () => undefined);
  const condemned: { pod: Pod; ordinal: number }[] = [];
  for (const entry of pods) {
    const index = entry.ordinal - start;
    if (index >= 0 && index < replicas.length) replicas[index] = entry.pod;
    else condemned.push(entry);
  }
  condemned.sort((a, b) => b.ordinal - a.ordinal);
  return { replicas, condemned };
}

/**
 * Moves the pods one step toward the spec, in StatefulSet order (stateful_set_control's updateStatefulSet):
 * missing ordinals are created (claims first) lowest first, condemned ones deleted highest first, and under
 * OrderedReady each step waits until every earlier pod is Running and Ready. Then RollingUpdate replaces, from the
 * highest ordinal down to `partition`, one pod not at the update revision at a time.
 */
export async function syncStatefulPods(ctx: ReconcileContext, set: StatefulSet, pods: { pod: Pod; ordinal: number }[], revisions: Revisions): Promise<void> {
  const monotonic = set.spec?.podManagementPolicy !== "Parallel";
  const start = startOrdinal(set);
  const { replicas, condemned } = slotPods(set, pods);
  const strategy = set.spec?.updateStrategy;
  const partition = strategy?.type === "OnDelete" ? 0 : (strategy?.rollingUpdate?.partition ?? 0);

  for (const [index, pod] of replicas.entries()) {
    const ordinal = start + index;
    if (pod && isFinished(pod) && !isTerminating(pod)) {
      // A failed or completed pod is replaced under the same name.
      await deletePod(ctx, set, pod);
      if (monotonic) return;
      continue;
    }
    if (!pod) {
      const revision = strategy?.type !== "OnDelete" && index < partition ? revisions.current : revisions.update;
      await createPod(ctx, set, newStatefulPod(set, revision, ordinal), ordinal);
      if (monotonic) return;
      continue;
    }
    if (isTerminating(pod)) {
      if (monotonic) return;
      continue;
    }
    await ensureClaims(ctx, set, ordinal);
    await updateClaimOwners(ctx, set, ordinal, pod, false);
    if (!identityMatches(set, pod, ordinal)) {
      await ctx.client.patch(resources.pods, pod.metadata?.namespace ?? "", pod.metadata?.name ?? "", {
        metadata: { labels: { [POD_NAME_LABEL]: podName(set, ordinal), [POD_INDEX_LABEL]: String(ordinal) }, resourceVersion: pod.metadata?.resourceVersion },
      });
    }
    // OrderedReady also waits out minReadySeconds (the controller's pass is requeued for when it ends).
    if (monotonic && !(isRunningAndReady(pod) && isPodAvailable(pod, set.spec?.minReadySeconds ?? 0, ctx.clock.now().getTime()))) return;
  }

  const unhealthy = [...replicas, ...condemned.map((c) => c.pod)].filter((p): p is Pod => p !== undefined && (!isRunningAndReady(p) || isTerminating(p)));
  for (const { pod, ordinal } of condemned) {
    if (isTerminating(pod)) {
      if (monotonic) return;
      continue;
    }
    // OrderedReady scales down only from a healthy set, except that the unhealthy pod may itself be the one to go.
    if (monotonic && unhealthy.some((p) => p !== pod)) return;
    await updateClaimOwners(ctx, set, ordinal, pod, true);
    await deletePod(ctx, set, pod);
    if (monotonic) return;
  }

  if (strategy?.type === "OnDelete") return;
  for (let index = replicas.length - 1; index >= partition; index--) {
    const pod = replicas[index];
    if (!pod) return;
    if (podRevision(pod) !== revisions.update.metadata.name && !isTerminating(pod)) {
      await deletePod(ctx, set, pod);
      return;
    }
    if (!isRunningAndReady(pod) || isTerminating(pod)) return;
  }
}

async function createPod(ctx: ReconcileContext, set: StatefulSet, pod: Pod, ordinal: number): Promise<void> {
  const setName = set.metadata?.name ?? "";
  await ensureClaims(ctx, set, ordinal);
  try {
    await ctx.client.create(resources.pods, set.metadata?.namespace ?? "", kube(pod));
  } catch (error) {
    await ctx.events.event(setInvolved(set), "Warning", "FailedCreate", `create Pod ${pod.metadata?.name ?? ""} in StatefulSet ${setName} failed error: ${messageOf(error)}`);
    throw error;
  }
  await ctx.events.event(setInvolved(set), "Normal", "SuccessfulCreate", `create Pod ${pod.metadata?.name ?? ""} in StatefulSet ${setName} successful`);
}

async function deletePod(ctx: ReconcileContext, set: StatefulSet, pod: Pod): Promise<void> {
  const setName = set.metadata?.name ?? "";
  try {
    await ctx.client.delete(resources.pods, kube(pod));
  } catch (error) {
    await ctx.events.event(setInvolved(set), "Warning", "FailedDelete", `delete Pod ${pod.metadata?.name ?? ""} in StatefulSet ${setName} failed error: ${messageOf(error)}`);
    throw error;
  }
  await ctx.events.event(setInvolved(set), "Normal", "SuccessfulDelete", `delete Pod ${pod.metadata?.name ?? ""} in StatefulSet ${setName} successful`);
}
