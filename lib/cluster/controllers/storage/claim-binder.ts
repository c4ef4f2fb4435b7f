import { deepEqual } from "../../api/rest/deep-equal";
import { ApiError } from "../../api/status";
import type { KubeObject } from "../../store/object-store";
import { ownKey, type Cache, type Controller, type ReconcileContext } from "../runtime/controller";
import type { InformerEvent } from "../runtime/informer";
import { keyOf, resources, splitKey } from "../runtime/resource-id";
import { provisionedVolume } from "./provision-volume";
import { claimInvolved, claimNamesOf, claimSpec, classOf, findMatchingVolume, phaseOf, podsUsingClaim, volumeSpec } from "./volume-objects";

const PVC_PROTECTION = "kubernetes.io/pvc-protection";
const NO_PROVISIONER = "kubernetes.io/no-provisioner";

/**
 * The claim side of kube-controller-manager's PersistentVolume controller: binds a claim to the smallest fitting
 * volume, or has one provisioned for its class (`pvc-<uid>`; any provisioner but kubernetes.io/no-provisioner is
 * simulated as local-path), waiting for a scheduled pod first when the class binds WaitForFirstConsumer; and
 * releases the pvc-protection finalizer of a deleted claim once no pod uses it.
 */
export const claimBinder: Controller = {
  name: "persistentvolume-binder",
  username: "system:serviceaccount:kube-system:persistent-volume-binder",
  component: "persistentvolume-controller",
  primary: resources.persistentvolumeclaims,
  watches: [
    { resource: resources.persistentvolumeclaims, keys: ownKey },
    { resource: resources.pods, keys: podClaimKeys },
    { resource: resources.persistentvolumes, keys: volumeClaimKeys },
    { resource: resources.storageclasses, keys: (_event, cache) => pendingClaims(cache) },
  ],
  reconcile: syncClaim,
};

async function syncClaim(ctx: ReconcileContext, key: string): Promise<void> {
  const { namespace, name } = splitKey(key);
  const claim = ctx.cache.get(resources.persistentvolumeclaims, namespace, name);
  if (!claim) return;
  if (claim.metadata.deletionTimestamp) return releaseProtection(ctx, claim);
  const spec = claimSpec(claim);
  if (spec.volumeName) {
    const pv = ctx.cache.get(resources.persistentvolumes, "", spec.volumeName);
    if (pv && (!volumeSpec(pv).claimRef || volumeSpec(pv).claimRef?.uid === claim.metadata.uid)) await bind(ctx, claim, pv);
    else await setClaimPhase(ctx, claim, phaseOf(claim) === "Bound" ? "Lost" : "Pending");
    return;
  }
  const className = classOf(claim);
  const storageClass = className ? ctx.cache.get(resources.storageclasses, "", className) : undefined;
  const consumer = podsUsingClaim(ctx.cache, claim).find((pod) => (pod.spec as { nodeName?: string } | undefined)?.nodeName);
  if (storageClass?.volumeBindingMode === "WaitForFirstConsumer" && !consumer) {
    await setClaimPhase(ctx, claim, "Pending");
    await ctx.events.event(claimInvolved(claim), "Normal", "WaitForFirstConsumer", "waiting for first consumer to be created before binding");
    return;
  }
  const match = findMatchingVolume(claim, ctx.cache.list(resources.persistentvolumes));
  if (match) return bind(ctx, claim, match);
  const pending = await setClaimPhase(ctx, claim, "Pending");
  if (!className) {
    await ctx.events.event(claimInvolved(claim), "Normal", "FailedBinding", "no persistent volumes available for this claim and no storage class is set");
  } else if (!storageClass) {
    await ctx.events.event(claimInvolved(claim), "Warning", "ProvisioningFailed", `storageclass.storage.k8s.io "${className}" not found`);
  } else if (storageClass.provisioner === NO_PROVISIONER) {
    await ctx.events.event(claimInvolved(claim), "Warning", "ProvisioningFailed", `no volume plugin matched name: ${NO_PROVISIONER}`);
  } else {
    await provision(ctx, pending, storageClass, (consumer?.spec as { nodeName?: string } | undefined)?.nodeName);
  }
}

async function provision(ctx: ReconcileContext, claim: KubeObject, storageClass: KubeObject, node: string | undefined): Promise<void> {
  const provisioner = (typeof storageClass.provisioner === "string" ? storageClass.provisioner : "");
  const wanted = provisionedVolume(claim, storageClass, node);
  let pv: KubeObject;
  await ctx.events.event(claimInvolved(claim), "Normal", "ExternalProvisioning", `waiting for a volume to be created, either by external provisioner "${provisioner}" or manually created by system administrator`);
  try {
    pv = await ctx.client.create(resources.persistentvolumes, "", wanted);
    await ctx.events.event(claimInvolved(claim), "Normal", "Provisioning", `External provisioner is provisioning volume for claim "${keyOf(claim)}"`);
    await ctx.events.event(claimInvolved(claim), "Normal", "ProvisioningSucceeded", `Successfully provisioned volume ${wanted.metadata.name ?? ""}`);
  } catch (error) {
    // Made by an earlier pass the cache has not caught up with: bind to it.
    if (!(error instanceof ApiError && error.code === 409)) throw error;
    pv = await ctx.client.get(resources.persistentvolumes, "", wanted.metadata.name ?? "");
  }
  const annotations = {
    ...((claim.metadata.annotations ?? {}) as Record<string, string>),
    "volume.beta.kubernetes.io/storage-provisioner": provisioner,
    "volume.kubernetes.io/storage-provisioner": provisioner,
    ...(node ? { "volume.kubernetes.io/selected-node": node } : {}),
  };
  await bind(ctx, { ...claim, metadata: { ...claim.metadata, annotations } }, pv);
}

/** Volume first (claimRef, phase Bound), then the claim (volumeName, phase Bound with the volume's size and modes). */
async function bind(ctx: ReconcileContext, claim: KubeObject, pv: KubeObject): Promise<void> {
  const v = volumeSpec(pv);
  let volume = pv;
  if (v.claimRef?.uid !== claim.metadata.uid) {
    const claimRef = { kind: "PersistentVolumeClaim", namespace: claim.metadata.namespace, name: claim.metadata.name, uid: claim.metadata.uid, apiVersion: "v1", resourceVersion: claim.metadata.resourceVersion };
    const annotations = { ...((pv.metadata.annotations ?? {}) as Record<string, string>), "pv.kubernetes.io/bound-by-controller": "yes" };
    volume = await ctx.client.update(resources.persistentvolumes, { ...pv, metadata: { ...pv.metadata, annotations }, spec: { ...v, claimRef } });
  }
  if (phaseOf(volume) !== "Bound") volume = await ctx.client.updateStatus(resources.persistentvolumes, { ...volume, status: { phase: "Bound" } });
  let bound = claim;
  const annotations: Record<string, string> = { ...((claim.metadata.annotations ?? {}) as Record<string, string>), "pv.kubernetes.io/bind-completed": "yes" };
  if (!claimSpec(claim).volumeName) annotations["pv.kubernetes.io/bound-by-controller"] = "yes";
  if (claimSpec(claim).volumeName !== pv.metadata.name || !deepEqual(annotations, claim.metadata.annotations ?? {})) {
    bound = await ctx.client.update(resources.persistentvolumeclaims, { ...claim, metadata: { ...claim.metadata, annotations }, spec: { ...claimSpec(claim), volumeName: pv.metadata.name } });
  }
  const status = { phase: "Bound", accessModes: volumeSpec(volume).accessModes ?? [], capacity: volumeSpec(volume).capacity ?? {} };
  if (!deepEqual(status, bound.status ?? {})) await ctx.client.updateStatus(resources.persistentvolumeclaims, { ...bound, status });
}

/** Returns the claim as now stored, so a later write in the same pass does not conflict with this one. */
async function setClaimPhase(ctx: ReconcileContext, claim: KubeObject, phase: string): Promise<KubeObject> {
  if (phaseOf(claim) === phase) return claim;
  return ctx.client.updateStatus(resources.persistentvolumeclaims, { ...claim, status: { ...(claim.status as object | undefined), phase } });
}

/** StorageObjectInUseProtection: the claim goes only once no pod that uses it is left. */
async function releaseProtection(ctx: ReconcileContext, claim: KubeObject): Promise<void> {
  const finalizers = (claim.metadata.finalizers ?? []) as string[];
  if (!finalizers.includes(PVC_PROTECTION)) return;
  const inUse = ctx.cache.list(resources.pods, claim.metadata.namespace ?? "").some((pod) => claimNamesOf(pod).includes(claim.metadata.name ?? "") && !["Succeeded", "Failed"].includes(phaseOf(pod) ?? ""));
  if (inUse) return;
  await ctx.client.update(resources.persistentvolumeclaims, { ...claim, metadata: { ...claim.metadata, finalizers: finalizers.filter((f) => f !== PVC_PROTECTION) } });
}

function podClaimKeys(event: InformerEvent): string[] {
  const keys = new Set<string>();
  for (const pod of [event.object, event.previous]) {
    if (!pod) continue;
    for (const claim of claimNamesOf(pod)) keys.add(`${pod.metadata.namespace ?? ""}/${claim}`);
  }
  return [...keys];
}

function volumeClaimKeys(event: InformerEvent, cache: Cache): string[] {
  const keys = new Set<string>();
  for (const pv of [event.object, event.previous]) {
    const ref = pv ? volumeSpec(pv).claimRef : undefined;
    if (ref?.name) keys.add(`${ref.namespace ?? ""}/${ref.name}`);
  }
  // A volume that is free (new, or released by Recycle) may be what a pending claim waits for.
  if (event.type !== "DELETED" && !volumeSpec(event.object).claimRef) for (const key of pendingClaims(cache)) keys.add(key);
  return [...keys];
}

function pendingClaims(cache: Cache): string[] {
  return cache.list(resources.persistentvolumeclaims).filter((c) => !claimSpec(c).volumeName).map(keyOf);
}
