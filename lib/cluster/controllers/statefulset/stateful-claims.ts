import type { OwnerReference } from "kubernetes-types/meta/v1";
import { deepEqual } from "../../api/rest/deep-equal";
import { messageOf } from "../deployment/create-replica-pods";
import type { ReconcileContext } from "../runtime/controller";
import { resources } from "../runtime/resource-id";
import { claimsFor, kube, podName, type Pod, type StatefulSet } from "./stateful-identity";

export const setInvolved = (set: StatefulSet) => ({ object: kube(set), kind: "StatefulSet", apiVersion: "apps/v1" });

/**
 * Creates the pod's missing PVCs before the pod, as createPersistentVolumeClaims does. A claim still being
 * deleted blocks the pod (it would otherwise start on storage about to vanish): the pass fails and retries.
 */
export async function ensureClaims(ctx: ReconcileContext, set: StatefulSet, ordinal: number): Promise<void> {
  const namespace = set.metadata?.namespace ?? "";
  const pod = podName(set, ordinal);
  for (const claim of claimsFor(set, ordinal)) {
    const name = claim.metadata?.name ?? "";
    const existing = ctx.cache.get(resources.persistentvolumeclaims, namespace, name);
    if (existing?.metadata.deletionTimestamp) throw new Error(`pvc ${name} is being deleted`);
    if (existing) continue;
    try {
      await ctx.client.create(resources.persistentvolumeclaims, namespace, kube(claim));
      await ctx.events.event(setInvolved(set), "Normal", "SuccessfulCreate", `create Claim ${name} Pod ${pod} in StatefulSet ${set.metadata?.name ?? ""} success`);
    } catch (error) {
      await ctx.events.event(setInvolved(set), "Warning", "FailedCreate", `create Claim ${name} for Pod ${pod} in StatefulSet ${set.metadata?.name ?? ""} failed error: ${messageOf(error)}`);
      throw error;
    }
  }
}

/**
 * Sets the claims' ownerReferences from persistentVolumeClaimRetentionPolicy: `whenDeleted: Delete` makes the set
 * an owner (the garbage collector removes the claims with it); `whenScaled: Delete` makes a condemned pod the
 * owner of its claims instead (they go with the pod). Retain, the default, leaves the claims unowned.
 */
export async function updateClaimOwners(ctx: ReconcileContext, set: StatefulSet, ordinal: number, pod: Pod | undefined, condemned: boolean): Promise<void> {
  const namespace = set.metadata?.namespace ?? "";
  const policy = set.spec?.persistentVolumeClaimRetentionPolicy ?? {};
  const setUid = set.metadata?.uid ?? "";
  const podUid = pod?.metadata?.uid;
  for (const claim of claimsFor(set, ordinal)) {
    const cached = ctx.cache.get(resources.persistentvolumeclaims, namespace, claim.metadata?.name ?? "");
    if (!cached || cached.metadata.deletionTimestamp) continue;
    const before = (cached.metadata.ownerReferences ?? []) as OwnerReference[];
    const others = before.filter((r) => r.uid !== setUid && !(r.kind === "Pod" && r.name === podName(set, ordinal)));
    const wanted: OwnerReference[] = [...others];
    // A condemned pod's claims follow the pod alone, or the set would keep them alive.
    if (condemned && podUid && policy.whenScaled === "Delete") wanted.push({ apiVersion: "v1", kind: "Pod", name: podName(set, ordinal), uid: podUid });
    else if (policy.whenDeleted === "Delete") wanted.push({ apiVersion: "apps/v1", kind: "StatefulSet", name: set.metadata?.name ?? "", uid: setUid });
    if (deepEqual(before, wanted)) continue;
    await ctx.client.patch(resources.persistentvolumeclaims, namespace, cached.metadata.name ?? "", {
      metadata: { ownerReferences: wanted.length > 0 ? wanted : null, resourceVersion: cached.metadata.resourceVersion },
    });
  }
}
