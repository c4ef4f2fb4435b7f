import { deepEqual } from "../../api/rest/deep-equal";
import type { KubeObject } from "../../store/object-store";
import { computePodTemplateHash } from "../deployment/pod-template-hash";
import { compareStrings, controllerRef } from "../deployment/workload-objects";
import type { ReconcileContext } from "../runtime/controller";
import { resources } from "../runtime/resource-id";

/** A StatefulSet or DaemonSet as far as its history goes. */
export type Workload = KubeObject & {
  spec?: { template?: { metadata?: { labels?: Record<string, string> } }; revisionHistoryLimit?: number };
  status?: { collisionCount?: number };
};

export type Revision = KubeObject & { data?: unknown; revision?: number };

/**
 * What a ControllerRevision stores for a workload: a strategic-merge patch replacing the pod template
 * (the `$patch: replace` directive is what Kubernetes' getPatch writes).
 */
export function revisionData(workload: Workload): unknown {
  return { spec: { template: { ...(workload.spec?.template ?? {}), $patch: "replace" } } };
}

/** The pod template a revision restores. */
export function templateOf(revision: Revision): { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown } {
  const template = { ...((revision.data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template ?? {}) };
  delete template.$patch;
  return template;
}

/** The hash part of a revision's name (`web-7f9d8c6b5` → `7f9d8c6b5`). */
export const revisionHash = (workload: KubeObject, revision: Revision): string =>
  (revision.metadata.name ?? "").slice((workload.metadata.name ?? "").length + 1);

const byRevision = (a: Revision, b: Revision) => (a.revision ?? 0) - (b.revision ?? 0) || compareStrings(a.metadata.name ?? "", b.metadata.name ?? "");

/** The workload's ControllerRevisions, oldest first. */
export function ownedRevisions(ctx: ReconcileContext, workload: KubeObject): Revision[] {
  return (ctx.cache.ownedBy(resources.controllerrevisions, workload.metadata.uid ?? "") as Revision[]).sort(byRevision);
}

/**
 * The revision matching the workload's current template, creating it (named `<workload>-<hash>`, numbered after
 * the newest) or renumbering an equal older one (a rollback) as the StatefulSet and DaemonSet controllers do.
 * A name taken by different data is a hash collision: `collisionCount` goes up and the caller retries.
 */
export async function ensureUpdateRevision(
  ctx: ReconcileContext,
  workload: Workload,
  kind: string,
  history: Revision[],
): Promise<{ revision: Revision } | { collisionCount: number }> {
  const data = revisionData(workload);
  const next = (history.at(-1)?.revision ?? 0) + 1;
  const equal = history.filter((r) => deepEqual(r.data, data));
  const latestEqual = equal.at(-1);
  if (latestEqual) {
    if (latestEqual === history.at(-1)) return { revision: latestEqual };
    const renumbered = await ctx.client.patch(resources.controllerrevisions, latestEqual.metadata.namespace ?? "", latestEqual.metadata.name ?? "", { revision: next });
    return { revision: renumbered };
  }
  const collisionCount = workload.status?.collisionCount ?? 0;
  const name = `${workload.metadata.name ?? ""}-${computePodTemplateHash(data, collisionCount === 0 ? undefined : collisionCount)}`;
  if (history.some((r) => r.metadata.name === name)) return { collisionCount: collisionCount + 1 };
  const created = await ctx.client.create(resources.controllerrevisions, workload.metadata.namespace ?? "", {
    apiVersion: "apps/v1",
    kind: "ControllerRevision",
    metadata: {
      name,
      namespace: workload.metadata.namespace,
      labels: { ...(workload.spec?.template?.metadata?.labels ?? {}) },
      ownerReferences: [controllerRef(workload, "apps/v1", kind)],
    },
    data,
    revision: next,
  });
  return { revision: created };
}

/** Deletes the oldest revisions beyond revisionHistoryLimit that no live pod or status still names. */
export async function truncateHistory(ctx: ReconcileContext, workload: Workload, history: Revision[], live: Set<string>): Promise<void> {
  const limit = workload.spec?.revisionHistoryLimit ?? 10;
  const spare = history.filter((r) => !live.has(r.metadata.name ?? ""));
  for (const revision of spare.slice(0, Math.max(0, spare.length - limit))) await ctx.client.delete(resources.controllerrevisions, revision);
}
