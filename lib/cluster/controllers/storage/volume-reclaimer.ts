import { ApiError } from "../../api/status";
import type { KubeObject } from "../../store/object-store";
import { ownKey, type Controller, type ReconcileContext } from "../runtime/controller";
import type { InformerEvent } from "../runtime/informer";
import { resources } from "../runtime/resource-id";
import { claimSpec, phaseOf, volumeSpec } from "./volume-objects";

const PV_PROTECTION = "kubernetes.io/pv-protection";

/**
 * The volume side of the PersistentVolume controller: phases Available / Bound / Released, reclaiming a volume
 * whose claim is gone by its reclaim policy (Delete removes it, Retain leaves it Released, Recycle frees it), and
 * releasing the pv-protection finalizer of a deleted volume once no claim is bound to it.
 */
export const volumeReclaimer: Controller = {
  name: "persistentvolume-reclaimer",
  username: "system:serviceaccount:kube-system:persistent-volume-binder",
  component: "persistentvolume-controller",
  primary: resources.persistentvolumes,
  watches: [
    { resource: resources.persistentvolumes, keys: ownKey },
    { resource: resources.persistentvolumeclaims, keys: claimVolumeKeys },
  ],
  async reconcile(ctx, key) {
    const pv = ctx.cache.get(resources.persistentvolumes, "", key);
    if (!pv) return;
    const claim = await boundClaim(ctx, pv);
    if (pv.metadata.deletionTimestamp) {
      const finalizers = (pv.metadata.finalizers ?? []) as string[];
      if (claim || !finalizers.includes(PV_PROTECTION)) return;
      await ctx.client.update(resources.persistentvolumes, { ...pv, metadata: { ...pv.metadata, finalizers: finalizers.filter((f) => f !== PV_PROTECTION) } });
      return;
    }
    const ref = volumeSpec(pv).claimRef;
    if (!ref) return setPhase(ctx, pv, "Available");
    if (claim) {
      if (claimSpec(claim).volumeName === pv.metadata.name) await setPhase(ctx, pv, "Bound");
      return;
    }
    // Never bound yet (a volume pre-bound to a claim not created yet) waits as Available.
    if (!ref.uid) return setPhase(ctx, pv, "Available");
    const policy = volumeSpec(pv).persistentVolumeReclaimPolicy ?? "Retain";
    if (policy === "Delete") {
      await ctx.client.delete(resources.persistentvolumes, pv);
    } else if (policy === "Recycle") {
      const { claimRef: _released, ...spec } = volumeSpec(pv);
      await ctx.client.update(resources.persistentvolumes, { ...pv, spec });
    } else {
      await setPhase(ctx, pv, "Released");
    }
  },
};

/** The claim the volume is bound to, if it still exists (checked live before concluding it is gone). */
async function boundClaim(ctx: ReconcileContext, pv: KubeObject): Promise<KubeObject | undefined> {
  const ref = volumeSpec(pv).claimRef;
  if (!ref?.name) return undefined;
  const sameClaim = (c: KubeObject | undefined) => c && (!ref.uid || c.metadata.uid === ref.uid) ? c : undefined;
  const cached = sameClaim(ctx.cache.get(resources.persistentvolumeclaims, ref.namespace ?? "", ref.name));
  if (cached) return cached;
  try {
    return sameClaim(await ctx.client.get(resources.persistentvolumeclaims, ref.namespace ?? "", ref.name));
  } catch (error) {
    if (error instanceof ApiError && error.code === 404) return undefined;
    throw error;
  }
}

async function setPhase(ctx: ReconcileContext, pv: KubeObject, phase: string): Promise<void> {
  if (phaseOf(pv) !== phase) await ctx.client.updateStatus(resources.persistentvolumes, { ...pv, status: { phase } });
}

function claimVolumeKeys(event: InformerEvent): string[] {
  const keys = new Set<string>();
  for (const claim of [event.object, event.previous]) {
    const name = claim ? claimSpec(claim).volumeName : undefined;
    if (name) keys.add(name);
  }
  return [...keys];
}
