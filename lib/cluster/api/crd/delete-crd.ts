import { ConflictError, NotFoundError } from "../../store/errors";
import type { KubeObject } from "../../store/object-store";
import type { ApiContext } from "../rest/api-context";
import type { DeleteOptions, DeleteResult } from "../rest/delete-object";
import { timestamp } from "../rest/object-lifecycle";
import { storeKey, subjectOf, type Target } from "../rest/target";
import { writeUpdate } from "../rest/update-object";
import { ApiError, conflict, notFound } from "../status";
import { CLEANUP_FINALIZER, readCrd } from "./crd-object";
import type { CrdSync } from "./crd-sync";
import { isJsonObject } from "./json-schema";

// Deleting a CRD deletes its custom objects, as Kubernetes' finalizer does: the CRD is marked (deletionTimestamp,
// the customresourcecleanup finalizer, a Terminating condition), its objects are deleted, then the finalizer is
// removed, which completes the deletion. Here that happens within the DELETE request rather than in a controller,
// so `kubectl delete crd` returns with everything gone; a process that dies half-way leaves the CRD marked, and
// the CRD sync of the next process to list it finishes the job (finishCrdDeletion is idempotent).

type Condition = { type: string; status: string; lastTransitionTime: string; reason: string; message: string };

function withCondition(object: KubeObject, next: Condition): KubeObject {
  const status = isJsonObject(object.status) ? object.status : {};
  const conditions = (Array.isArray(status.conditions) ? (status.conditions as unknown[]) : []).filter(
    (c) => !(isJsonObject(c) && c.type === next.type),
  );
  return { ...object, status: { ...status, conditions: [...conditions, next] } };
}

function finalizersOf(object: KubeObject): string[] {
  const finalizers = object.metadata.finalizers;
  return Array.isArray(finalizers) ? finalizers.filter((f): f is string => typeof f === "string") : [];
}

/** DELETE of a CustomResourceDefinition. */
export async function deleteCrd(ctx: ApiContext, target: Target, options: DeleteOptions, sync?: CrdSync): Promise<DeleteResult> {
  const existing = await ctx.store.get(storeKey(ctx, target));
  if (!existing) throw notFound(subjectOf(target));
  const pre = options.preconditions;
  if ((pre?.uid && pre.uid !== existing.metadata.uid) || (pre?.resourceVersion && pre.resourceVersion !== existing.metadata.resourceVersion)) {
    throw conflict(subjectOf(target));
  }
  if (options.dryRun) return { outcome: "deleted", object: existing };
  let marked = existing;
  if (!existing.metadata.deletionTimestamp || !finalizersOf(existing).includes(CLEANUP_FINALIZER)) {
    const now = timestamp(ctx.clock.now());
    marked = await writeUpdate(ctx, target, (current) =>
      withCondition(
        {
          ...current,
          metadata: {
            ...current.metadata,
            deletionTimestamp: current.metadata.deletionTimestamp ?? now,
            finalizers: [...finalizersOf(current).filter((f) => f !== CLEANUP_FINALIZER), CLEANUP_FINALIZER],
          },
        },
        {
          type: "Terminating",
          status: "True",
          lastTransitionTime: now,
          reason: "InstanceDeletionPending",
          message: "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon",
        },
      ),
    );
    sync?.observe(marked);
  }
  return finishCrdDeletion(ctx, target, marked, sync);
}

/** Deletes the CRD's custom objects, then lets the CRD go (or records what still holds it). */
export async function finishCrdDeletion(ctx: ApiContext, target: Target, crdObject: KubeObject, sync?: CrdSync): Promise<DeleteResult> {
  const crd = readCrd(crdObject);
  const remaining = await deleteCustomObjects(ctx, crd.group, crd.acceptedNames?.plural || crd.names.plural);
  const crdTarget = { ...target, name: crd.name, subresource: "" };
  if (remaining > 0) {
    const now = timestamp(ctx.clock.now());
    const waiting = await writeUpdate(ctx, crdTarget, (current) =>
      withCondition(current, {
        type: "Terminating",
        status: "True",
        lastTransitionTime: now,
        reason: "InstanceDeletionCheck",
        message: `could not confirm zero CustomResources remaining: ${remaining} remaining, waiting for their finalizers`,
      }),
    );
    sync?.observe(waiting);
    return { outcome: "pending", object: waiting };
  }
  const gone = await writeUpdate(ctx, crdTarget, (current) => ({
    ...current,
    metadata: { ...current.metadata, finalizers: finalizersOf(current).filter((f) => f !== CLEANUP_FINALIZER) },
  }));
  // Removing the last finalizer deleted it (writeUpdate returns its last state); other finalizers keep it.
  if ((await ctx.store.get(storeKey(ctx, crdTarget))) === undefined) {
    sync?.observeDeleted(crd.name, BigInt(gone.metadata.resourceVersion ?? "0"));
    await reconsiderNames(ctx, crdTarget, crd.group, sync);
    return { outcome: "deleted", object: gone };
  }
  sync?.observe(gone);
  return { outcome: "pending", object: gone };
}

/** Deletes every object of the resource in every namespace; returns how many are still held by finalizers. */
async function deleteCustomObjects(ctx: ApiContext, group: string, resource: string): Promise<number> {
  if (resource === "") return 0;
  const list = await ctx.store.list({ cluster: ctx.cluster, group, resource });
  let remaining = 0;
  const now = timestamp(ctx.clock.now());
  for (const item of list.items) {
    const key = { cluster: ctx.cluster, group, resource, namespace: item.metadata.namespace ?? "", name: item.metadata.name ?? "" };
    try {
      if (finalizersOf(item).length === 0) {
        await ctx.store.delete(key);
      } else {
        remaining++;
        if (!item.metadata.deletionTimestamp) {
          await ctx.store.update(key, { ...item, metadata: { ...item.metadata, deletionTimestamp: now, deletionGracePeriodSeconds: 0 } }, item.metadata.resourceVersion);
        }
      }
    } catch (error) {
      if (error instanceof NotFoundError) continue;
      if (error instanceof ConflictError) {
        remaining++;
        continue;
      }
      throw error;
    }
  }
  return remaining;
}

/**
 * The names a deleted CRD held are free again: CRDs of its group that were refused names get another look
 * (the naming controller requeues the group the same way). Rewriting one recomputes its status.
 */
async function reconsiderNames(ctx: ApiContext, crdTarget: Target, group: string, sync?: CrdSync): Promise<void> {
  const list = await ctx.store.list({ cluster: ctx.cluster, group: crdTarget.type.group, resource: crdTarget.type.plural });
  for (const object of list.items) {
    const other = readCrd(object);
    if (other.group !== group || other.terminating || other.conditions.some((c) => c.type === "NamesAccepted" && c.status === "True")) continue;
    try {
      sync?.observe(await writeUpdate(ctx, { ...crdTarget, name: other.name }, (current) => current));
    } catch (error) {
      // Gone or changed meanwhile: its own next write computes its names.
      if (!(error instanceof ApiError)) throw error;
    }
  }
}
