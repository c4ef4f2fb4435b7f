import type { PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1";
import type { StorageClass } from "kubernetes-types/storage/v1";
import { ageColumn, column, nameColumn, wide } from "./columns";
import { docs } from "./descriptions";
import { accessModesString, age, quantityString } from "./format";
import { definePrinter } from "./types";

// The pre-GA annotation still wins over spec.storageClassName (helper.GetPersistentVolume[Claim]Class).
const betaStorageClassAnnotation = "volume.beta.kubernetes.io/storage-class";

function annotations(object: { metadata?: { annotations?: Record<string, string> } }): Record<string, string> {
  return object.metadata?.annotations ?? {};
}

function storageClassOf(object: PersistentVolume | PersistentVolumeClaim): string {
  const beta = annotations(object)[betaStorageClassAnnotation];
  if (beta !== undefined) return beta;
  return object.spec?.storageClassName ?? "";
}

export const persistentVolumePrinter = definePrinter<PersistentVolume>({
  columns: [
    nameColumn,
    column("Capacity", "string", docs.pvCapacity),
    column("Access Modes", "string", docs.pvAccessModes),
    column("Reclaim Policy", "string", docs.pvReclaimPolicy),
    column("Status", "string", docs.pvPhase),
    column("Claim", "string", docs.pvClaimRef),
    column("StorageClass", "string", "StorageClass of the pv"),
    column("VolumeAttributesClass", "string", "VolumeAttributesClass of the pv"),
    column("Reason", "string", docs.pvReason),
    ageColumn,
    wide("VolumeMode", "string", docs.pvVolumeMode),
  ],
  cells(pv, { now }) {
    const claim = pv.spec?.claimRef;
    return [
      pv.metadata?.name ?? "",
      quantityString(pv.spec?.capacity?.storage),
      accessModesString(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? "",
      pv.metadata?.deletionTimestamp ? "Terminating" : (pv.status?.phase ?? ""),
      claim ? `${claim.namespace ?? ""}/${claim.name ?? ""}` : "",
      storageClassOf(pv),
      pv.spec?.volumeAttributesClassName ?? "<unset>",
      pv.status?.reason ?? "",
      age(pv, now),
      pv.spec?.volumeMode ?? "<unset>",
    ];
  },
});

export const persistentVolumeClaimPrinter = definePrinter<PersistentVolumeClaim>({
  columns: [
    nameColumn,
    column("Status", "string", docs.pvcPhase),
    column("Volume", "string", docs.pvcVolumeName),
    column("Capacity", "string", docs.pvcCapacity),
    column("Access Modes", "string", docs.pvcAccessModes),
    column("StorageClass", "string", "StorageClass of the pvc"),
    column("VolumeAttributesClass", "string", "VolumeAttributesClass of the pvc"),
    ageColumn,
    wide("VolumeMode", "string", docs.pvcVolumeMode),
  ],
  cells(pvc, { now }) {
    // Capacity and access modes are the bound volume's: blank until spec.volumeName is set.
    const bound = Boolean(pvc.spec?.volumeName);
    return [
      pvc.metadata?.name ?? "",
      pvc.metadata?.deletionTimestamp ? "Terminating" : (pvc.status?.phase ?? ""),
      pvc.spec?.volumeName ?? "",
      bound ? quantityString(pvc.status?.capacity?.storage) : "",
      bound ? accessModesString(pvc.status?.accessModes) : "",
      storageClassOf(pvc),
      pvc.spec?.volumeAttributesClassName ?? "<unset>",
      age(pvc, now),
      pvc.spec?.volumeMode ?? "<unset>",
    ];
  },
});

function isDefaultClass(sc: StorageClass): boolean {
  const a = annotations(sc);
  return (
    a["storageclass.kubernetes.io/is-default-class"] === "true" ||
    a["storageclass.beta.kubernetes.io/is-default-class"] === "true"
  );
}

export const storageClassPrinter = definePrinter<StorageClass>({
  columns: [
    nameColumn,
    column("Provisioner", "string", docs.storageClassProvisioner),
    column("ReclaimPolicy", "string", docs.storageClassReclaimPolicy),
    column("VolumeBindingMode", "string", docs.storageClassVolumeBindingMode),
    column("AllowVolumeExpansion", "string", docs.storageClassAllowVolumeExpansion),
    ageColumn,
  ],
  cells(sc, { now }) {
    const name = sc.metadata?.name ?? "";
    return [
      isDefaultClass(sc) ? `${name} (default)` : name,
      sc.provisioner ?? "",
      sc.reclaimPolicy ?? "Delete",
      sc.volumeBindingMode ?? "Immediate",
      sc.allowVolumeExpansion ?? false,
      age(sc, now),
    ];
  },
});
