import { ConflictError, NotFoundError } from "../../store/errors";
import type { KubeObject } from "../../store/object-store";
import { conflict, invalid, notFound } from "../status";
import type { ApiContext } from "./api-context";
import { writeHooksFor } from "../crd/write-hooks";
import { applyDefaults } from "../defaults/apply-defaults";
import { checkBody } from "./check-body";
import { pruneUnknownFields, type FieldValidation } from "./field-validation";
import { deepEqual } from "./deep-equal";
import { prepareForUpdate, timestamp } from "./object-lifecycle";
import { recordUpdate, type WriteManager } from "../fieldmanager/record-managed-fields";
import { storeKey, subjectOf, type Target } from "./target";
import { isNoOpUpdate } from "./no-op-update";

export type UpdateOptions = {
  dryRun?: boolean;
  /**
   * Admission (mutating, then validating) on the object as it would be stored, given what it replaces: resolves
   * to the object to store instead (void keeps it as it is), or throws an ApiError to refuse it.
   */
  admit?: (object: KubeObject, oldObject: KubeObject) => Promise<KubeObject | void>;
  /** Told once the write is stored (not for dry runs), with the object it replaced; no object if it is gone. */
  committed?: (object: KubeObject | undefined, oldObject: KubeObject) => Promise<void>;
  fieldValidation?: FieldValidation;
  /** Who writes, through which subresource: recorded in metadata.managedFields. */
  manager?: WriteManager;
  /**
   * A result equal to the stored object is not written (no new resourceVersion, no watch event), as
   * kube-apiserver skips no-op updates: PATCH and PUT ask for it; internal touches that must write do not.
   */
  skipUnchanged?: boolean;
};

/** PUT: replace the object (or its status), guarded by the resourceVersion the client sent, if any. */
export async function updateObject(
  ctx: ApiContext,
  target: Target,
  body: unknown,
  options: UpdateOptions = {},
): Promise<KubeObject> {
  const incoming = checkBody(target, body, target.name);
  incoming.metadata.name = target.name;
  const expected = typeof incoming.metadata.resourceVersion === "string" ? incoming.metadata.resourceVersion : "";
  return writeUpdate(ctx, target, (existing) => {
    if (expected !== "" && expected !== existing.metadata.resourceVersion) throw conflict(subjectOf(target));
    const uid = incoming.metadata.uid;
    if (typeof uid === "string" && uid !== "" && uid !== existing.metadata.uid) {
      throw invalid(target.type.kind, target.type.group, target.name, [
        { reason: "FieldValueInvalid", message: `Invalid value: "${uid}": field is immutable`, field: "metadata.uid" },
      ]);
    }
    return incoming;
  }, { ...options, skipUnchanged: true });
}

/**
 * Read, transform, compare-and-swap, retrying when someone else wrote in between. `transform` decides whether
 * a concurrent change is a conflict for the client (it throws) or can be re-applied (it returns a result).
 */
export async function writeUpdate(
  ctx: ApiContext,
  target: Target,
  transform: (existing: KubeObject) => KubeObject | Promise<KubeObject>,
  options: UpdateOptions = {},
): Promise<KubeObject> {
  const key = storeKey(ctx, target);
  const hooks = writeHooksFor(target.type);
  for (let attempt = 0; ; attempt++) {
    const existing = await ctx.store.get(key);
    if (!existing) throw notFound(subjectOf(target));
    const changed = await transform(existing);
    const pruned = hooks ? hooks.decode(changed, options.fieldValidation) : pruneUnknownFields(target.type, changed, options.fieldValidation);
    const transformed = applyDefaults(target.type.group, target.type.kind, pruned);
    const updated = prepareForUpdate(target, existing, transformed);
    const prepared = options.manager ? recordUpdate(target.type, existing, updated, options.manager, timestamp(ctx.clock.now())) : updated;
    // CRDs and custom objects are validated (and a CRD's status completed) as they would be stored.
    const next = hooks ? await hooks.prepare(ctx, target, prepared, existing) : prepared;
    const admitted = withGeneration(existing, (await options.admit?.(next, existing)) ?? next);
    if (options.dryRun) return { ...admitted, metadata: { ...admitted.metadata, resourceVersion: existing.metadata.resourceVersion } };
    // The last finalizer of an object being deleted is gone: the deletion completes now, as in Kubernetes.
    const completesDeletion = deletionCompletes(target, admitted);
    if (options.skipUnchanged && !completesDeletion && isNoOpUpdate(existing, admitted)) return existing;
    let stored: KubeObject;
    try {
      stored = completesDeletion
        ? await ctx.store.delete(key, existing.metadata.resourceVersion)
        : await ctx.store.update(key, admitted, existing.metadata.resourceVersion);
    } catch (error) {
      if (error instanceof NotFoundError) throw notFound(subjectOf(target));
      if (error instanceof ConflictError && attempt < 4) continue;
      if (error instanceof ConflictError) throw conflict(subjectOf(target));
      throw error;
    }
    await options.committed?.(completesDeletion ? undefined : stored, existing);
    return stored;
  }
}

/**
 * Kubernetes runs mutating admission before it compares specs for the generation; here admission sees the
 * prepared object, so a spec it changed is compared again.
 */
function withGeneration(existing: KubeObject, admitted: KubeObject): KubeObject {
  const generation = existing.metadata.generation;
  if (typeof generation !== "number" || typeof admitted.metadata.generation !== "number") return admitted;
  const next = deepEqual(existing.spec, admitted.spec) ? generation : generation + 1;
  return next === admitted.metadata.generation ? admitted : { ...admitted, metadata: { ...admitted.metadata, generation: next } };
}

/**
 * Marked for deletion, no finalizers left (for a namespace, in spec too), and for a pod no grace period still
 * running on its node.
 */
function deletionCompletes(target: Target, object: KubeObject): boolean {
  if (target.subresource === "status" && target.type.kind === "Pod") return false;
  const meta = object.metadata;
  if (meta.deletionTimestamp === undefined) return false;
  if (((meta.finalizers as string[] | undefined) ?? []).length > 0) return false;
  // A namespace also waits for spec.finalizers: the namespace controller empties it once the contents are gone.
  if (target.type.kind === "Namespace" && (((object.spec as { finalizers?: string[] } | undefined)?.finalizers) ?? []).length > 0) {
    return false;
  }
  if (target.type.kind === "Pod" && typeof meta.deletionGracePeriodSeconds === "number" && meta.deletionGracePeriodSeconds > 0) {
    return false;
  }
  return true;
}
