import { ConflictError, NotFoundError } from "../../store/errors";
import type { KubeObject } from "../../store/object-store";
import { conflict, invalid, notFound } from "../status";
import type { ApiContext } from "./api-context";
import { timestamp } from "./object-lifecycle";
import { storeKey, subjectOf, type Target } from "./target";
import { writeUpdate } from "./update-object";

export type DeleteOptions = {
  gracePeriodSeconds?: number;
  propagationPolicy?: "Foreground" | "Background" | "Orphan";
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
};

export type DeleteResult =
  /** Gone now. */
  | { outcome: "deleted"; object: KubeObject }
  /** Marked for deletion: finalizers or a grace period still have to run. */
  | { outcome: "pending"; object: KubeObject };

/**
 * DELETE: objects with finalizers (or that need a grace period, or whose dependents must go first) are only
 * marked with deletionTimestamp; the rest are removed at once. Controllers finish what is pending.
 */
export async function deleteObject(ctx: ApiContext, target: Target, options: DeleteOptions = {}): Promise<DeleteResult> {
  // As kube-apiserver's store does, a delete that names no resourceVersion is retried when the object changed
  // between our read and the delete (a controller's status write, say): the caller asked for it gone, not for
  // one particular version of it gone.
  for (let attempt = 1; ; attempt++) {
    try {
      return await deleteOnce(ctx, target, options);
    } catch (error) {
      const raced = error instanceof RaceLost && options.preconditions?.resourceVersion === undefined && attempt < maxAttempts;
      if (!raced) throw error instanceof RaceLost ? conflict(subjectOf(target)) : error;
    }
  }
}

const maxAttempts = 5;

/** The object changed between our read and the delete. */
class RaceLost extends Error {}

async function deleteOnce(ctx: ApiContext, target: Target, options: DeleteOptions): Promise<DeleteResult> {
  const key = storeKey(ctx, target);
  const existing = await ctx.store.get(key);
  if (!existing) throw notFound(subjectOf(target));
  checkPreconditions(target, existing, options.preconditions);

  const existingFinalizers = (existing.metadata.finalizers as string[] | undefined) ?? [];
  const finalizers = [...existingFinalizers];
  if (options.propagationPolicy === "Foreground" && !finalizers.includes("foregroundDeletion")) {
    finalizers.push("foregroundDeletion");
  }
  if (options.propagationPolicy === "Orphan" && !finalizers.includes("orphan")) finalizers.push("orphan");
  const grace = gracePeriodFor(target, existing, options.gracePeriodSeconds);

  if (finalizers.length > 0 || grace > 0 || target.type.kind === "Namespace") {
    if (existing.metadata.deletionTimestamp && finalizers.length === existingFinalizers.length) {
      // Already marked. A shorter grace period (the kubelet's final delete, or `--grace-period=0 --force`) is
      // honoured, as in Kubernetes; anything else changes nothing.
      const current = typeof existing.metadata.deletionGracePeriodSeconds === "number" ? existing.metadata.deletionGracePeriodSeconds : 0;
      if (!(grace < current)) return { outcome: "pending", object: existing };
      if (grace === 0 && finalizers.length === 0) return removeNow(ctx, target, existing, options);
      const shortened = await writeUpdate(
        ctx,
        target,
        (latest) => ({
          ...latest,
          metadata: { ...latest.metadata, deletionTimestamp: timestamp(new Date(ctx.clock.now().getTime() + grace * 1000)), deletionGracePeriodSeconds: grace },
        }),
        { dryRun: options.dryRun },
      );
      return { outcome: "pending", object: shortened };
    }
    const marked = await writeUpdate(
      ctx,
      target,
      (current) => ({
        ...current,
        metadata: {
          ...current.metadata,
          finalizers,
          deletionTimestamp: current.metadata.deletionTimestamp ?? timestamp(new Date(ctx.clock.now().getTime() + grace * 1000)),
          deletionGracePeriodSeconds: grace,
        },
        ...(target.type.kind === "Namespace" ? { status: { ...(current.status as object), phase: "Terminating" } } : {}),
      }),
      { dryRun: options.dryRun },
    );
    return { outcome: "pending", object: marked };
  }
  return removeNow(ctx, target, existing, options);
}

async function removeNow(ctx: ApiContext, target: Target, existing: KubeObject, options: DeleteOptions): Promise<DeleteResult> {
  if (options.dryRun) return { outcome: "deleted", object: existing };
  try {
    return { outcome: "deleted", object: await ctx.store.delete(storeKey(ctx, target), existing.metadata.resourceVersion) };
  } catch (error) {
    if (error instanceof NotFoundError) throw notFound(subjectOf(target));
    if (error instanceof ConflictError) throw new RaceLost();
    throw error;
  }
}

function checkPreconditions(target: Target, existing: KubeObject, preconditions: DeleteOptions["preconditions"]): void {
  if (preconditions?.uid && preconditions.uid !== existing.metadata.uid) {
    throw conflict(subjectOf(target));
  }
  if (preconditions?.resourceVersion && preconditions.resourceVersion !== existing.metadata.resourceVersion) {
    throw conflict(subjectOf(target));
  }
}

/**
 * Only pods bound to a node get a grace period (the kubelet must stop them); an unscheduled pod has nothing to
 * stop and goes at once, as in Kubernetes.
 */
function gracePeriodFor(target: Target, existing: KubeObject, requested: number | undefined): number {
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 0)) {
    throw invalid(target.type.kind, target.type.group, target.name, [
      { reason: "FieldValueInvalid", message: `Invalid value: ${requested}: must be >= 0`, field: "gracePeriodSeconds" },
    ]);
  }
  if (target.type.kind !== "Pod") return 0;
  const spec = (existing.spec ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  if (!spec.nodeName) return 0;
  return requested ?? spec.terminationGracePeriodSeconds ?? 30;
}
