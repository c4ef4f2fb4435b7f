import type { KubeObject } from "../../store/object-store";
import { claimSpec } from "./volume-objects";

/** What every provisioner name but kubernetes.io/no-provisioner stands for here: a directory on one node. */
export const LOCAL_PATH_ROOT = "/var/local-path-provisioner";

/**
 * The PersistentVolume a local-path provisioner makes for a claim: `pvc-<uid>`, exactly the requested size, a
 * hostPath on the chosen node with node affinity to it, pre-bound to the claim (claimRef with uid).
 */
export function provisionedVolume(claim: KubeObject, storageClass: KubeObject, node: string | undefined): KubeObject {
  const spec = claimSpec(claim);
  const name = `pvc-${claim.metadata.uid ?? ""}`;
  const provisioner = (typeof storageClass.provisioner === "string" ? storageClass.provisioner : "");
  return {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: {
      name,
      annotations: { "pv.kubernetes.io/provisioned-by": provisioner, ...(node ? { "local.path.provisioner/selected-node": node } : {}) },
    },
    spec: {
      capacity: { storage: spec.resources?.requests?.storage ?? "1Gi" },
      accessModes: spec.accessModes ?? ["ReadWriteOnce"],
      persistentVolumeReclaimPolicy: typeof storageClass.reclaimPolicy === "string" ? storageClass.reclaimPolicy : "Delete",
      storageClassName: storageClass.metadata.name,
      volumeMode: spec.volumeMode ?? "Filesystem",
      hostPath: { path: `${LOCAL_PATH_ROOT}/${name}_${claim.metadata.namespace ?? ""}_${claim.metadata.name ?? ""}`, type: "DirectoryOrCreate" },
      claimRef: { kind: "PersistentVolumeClaim", apiVersion: "v1", namespace: claim.metadata.namespace, name: claim.metadata.name, uid: claim.metadata.uid, resourceVersion: claim.metadata.resourceVersion },
      ...(node
        ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [node] }] }] } } }
        : {}),
      ...(Array.isArray(storageClass.mountOptions) ? { mountOptions: storageClass.mountOptions } : {}),
    },
  };
}
