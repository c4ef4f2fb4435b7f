import { compareQuantities, parseQuantity, type Quantity } from "../../api/quantity";
import { labelSelectorFromObject, matches } from "../../api/selectors/label-selector";
import type { KubeObject } from "../../store/object-store";
import type { Cache } from "../runtime/controller";
import { resources } from "../runtime/resource-id";

export type ClaimRef = { kind?: string; apiVersion?: string; namespace?: string; name?: string; uid?: string; resourceVersion?: string };
export type VolumeSpec = {
  capacity?: { storage?: string };
  accessModes?: string[];
  storageClassName?: string;
  volumeMode?: string;
  claimRef?: ClaimRef;
  persistentVolumeReclaimPolicy?: string;
};
export type ClaimSpec = {
  accessModes?: string[];
  resources?: { requests?: { storage?: string } };
  storageClassName?: string | null;
  volumeName?: string;
  volumeMode?: string;
  selector?: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
};

export const volumeSpec = (pv: KubeObject) => (pv.spec ?? {}) as VolumeSpec;
export const claimSpec = (pvc: KubeObject) => (pvc.spec ?? {}) as ClaimSpec;
export const phaseOf = (object: KubeObject) => (object.status as { phase?: string } | undefined)?.phase;
export const classOf = (object: KubeObject) => (object.spec as { storageClassName?: string | null } | undefined)?.storageClassName ?? "";
export const claimInvolved = (pvc: KubeObject) => ({ object: pvc, kind: "PersistentVolumeClaim", apiVersion: "v1" });

const quantity = (text: string | undefined): Quantity | undefined => {
  try {
    return text === undefined ? undefined : parseQuantity(text);
  } catch {
    return undefined;
  }
};

/**
 * The smallest volume that can serve the claim, as the binder's findMatchingVolume: same class, volume mode, every
 * requested access mode, enough capacity, labels the claim's selector accepts, and not promised to another claim.
 */
export function findMatchingVolume(claim: KubeObject, volumes: KubeObject[]): KubeObject | undefined {
  const spec = claimSpec(claim);
  const request = quantity(spec.resources?.requests?.storage) ?? parseQuantity("0");
  let selector;
  try {
    selector = spec.selector ? labelSelectorFromObject(spec.selector) : undefined;
  } catch {
    return undefined;
  }
  let best: { pv: KubeObject; size: Quantity } | undefined;
  for (const pv of volumes) {
    const v = volumeSpec(pv);
    if (pv.metadata.deletionTimestamp) continue;
    if (v.claimRef && !(v.claimRef.name === claim.metadata.name && v.claimRef.namespace === claim.metadata.namespace && (!v.claimRef.uid || v.claimRef.uid === claim.metadata.uid))) continue;
    if (!v.claimRef && phaseOf(pv) !== undefined && phaseOf(pv) !== "Available" && phaseOf(pv) !== "Pending") continue;
    if ((v.storageClassName ?? "") !== classOf(claim)) continue;
    if ((v.volumeMode ?? "Filesystem") !== (spec.volumeMode ?? "Filesystem")) continue;
    if (!(spec.accessModes ?? []).every((m) => v.accessModes?.includes(m))) continue;
    const size = quantity(v.capacity?.storage);
    if (!size || compareQuantities(size, request) < 0) continue;
    if (selector && !matches(selector, (pv.metadata.labels ?? {}) as Record<string, string>)) continue;
    // A volume pre-bound to this very claim wins outright.
    if (v.claimRef) return pv;
    if (!best || compareQuantities(size, best.size) < 0) best = { pv, size };
  }
  return best?.pv;
}

/** Pods (not yet finished) that mount the claim. */
export function podsUsingClaim(cache: Cache, claim: KubeObject): KubeObject[] {
  return cache.list(resources.pods, claim.metadata.namespace ?? "").filter((pod) => {
    const phase = phaseOf(pod);
    if (phase === "Succeeded" || phase === "Failed") return false;
    return claimNamesOf(pod).includes(claim.metadata.name ?? "");
  });
}

export function claimNamesOf(pod: KubeObject): string[] {
  const volumes = (pod.spec as { volumes?: { persistentVolumeClaim?: { claimName?: string } }[] } | undefined)?.volumes ?? [];
  return volumes.map((v) => v.persistentVolumeClaim?.claimName).filter((n): n is string => !!n);
}
