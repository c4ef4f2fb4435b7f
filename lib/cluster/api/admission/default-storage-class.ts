import type { KubeObject } from "../../store/object-store";
import type { AdmissionPlugin } from "../admission";
import type { ApiContext } from "../rest/api-context";

export const DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class";
const BETA_DEFAULT_CLASS_ANNOTATION = "storageclass.beta.kubernetes.io/is-default-class";

/** The class kind ships: local-path volumes, made once a pod that uses the claim is scheduled. */
export const standardStorageClass: KubeObject = {
  apiVersion: "storage.k8s.io/v1",
  kind: "StorageClass",
  metadata: { name: "standard", annotations: { [DEFAULT_CLASS_ANNOTATION]: "true" } },
  provisioner: "rancher.io/local-path",
  reclaimPolicy: "Delete",
  volumeBindingMode: "WaitForFirstConsumer",
};

const isDefault = (sc: KubeObject) => {
  const annotations = (sc.metadata.annotations ?? {}) as Record<string, string>;
  return annotations[DEFAULT_CLASS_ANNOTATION] === "true" || annotations[BETA_DEFAULT_CLASS_ANNOTATION] === "true";
};

/**
 * DefaultStorageClass and StorageObjectInUseProtection, as Kubernetes' admission plugins: a new claim that names
 * no class (an explicit "" means "no class" and is kept) gets the default one, the newest if several are marked;
 * new claims and volumes get the protection finalizers that keep them while in use.
 */
export function storageAdmission(ctx: ApiContext): AdmissionPlugin {
  return {
    name: "DefaultStorageClass",
    mutate: async ({ operation, target, object }) => {
      if (operation !== "create" || target.subresource !== "" || target.type.group !== "") return object;
      if (target.type.plural === "persistentvolumes") return withFinalizer(object, "kubernetes.io/pv-protection");
      if (target.type.plural !== "persistentvolumeclaims") return object;
      const claim = withFinalizer(object, "kubernetes.io/pvc-protection");
      const spec = (claim.spec ?? {}) as { storageClassName?: string | null };
      if (spec.storageClassName !== undefined && spec.storageClassName !== null) return claim;
      const { items } = await ctx.store.list({ cluster: ctx.cluster, group: "storage.k8s.io", resource: "storageclasses", namespace: "" });
      const newest = items.filter(isDefault).sort((a, b) => String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)) || String(a.metadata.name).localeCompare(String(b.metadata.name)))[0];
      return newest ? { ...claim, spec: { ...spec, storageClassName: newest.metadata.name } } : claim;
    },
  };
}

function withFinalizer(object: KubeObject, finalizer: string): KubeObject {
  const finalizers = (object.metadata.finalizers ?? []) as string[];
  return finalizers.includes(finalizer) ? object : { ...object, metadata: { ...object.metadata, finalizers: [...finalizers, finalizer] } };
}
