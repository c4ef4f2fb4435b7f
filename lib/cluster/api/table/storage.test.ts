import type { PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1";
import type { StorageClass } from "kubernetes-types/storage/v1";
import { describe, expect, it } from "vitest";
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from "./storage";

const now = new Date("2026-01-01T12:00:00Z");
const created = new Date(now.getTime() - 45 * 60_000).toISOString().replace(".000Z", "Z");
const header = (printer: { columns: { name: string; priority: number }[] }) =>
  printer.columns.map((c) => (c.priority ? `${c.name}*` : c.name));

describe("persistentvolumes", () => {
  it("CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE", () => {
    expect(header(persistentVolumePrinter)).toEqual([
      "Name",
      "Capacity",
      "Access Modes",
      "Reclaim Policy",
      "Status",
      "Claim",
      "StorageClass",
      "VolumeAttributesClass",
      "Reason",
      "Age",
      "VolumeMode*",
    ]);
  });

  it("a bound volume", () => {
    const pv: PersistentVolume = {
      metadata: { name: "pvc-3f2a9c", creationTimestamp: created },
      spec: {
        capacity: { storage: "20Gi" },
        accessModes: ["ReadWriteOnce"],
        persistentVolumeReclaimPolicy: "Retain",
        storageClassName: "fast",
        volumeMode: "Filesystem",
        claimRef: { kind: "PersistentVolumeClaim", namespace: "dev", name: "data" },
      },
      status: { phase: "Bound" },
    };
    expect(persistentVolumePrinter.cells(pv, { now })).toEqual([
      "pvc-3f2a9c",
      "20Gi",
      "RWO",
      "Retain",
      "Bound",
      "dev/data",
      "fast",
      "<unset>",
      "",
      "45m",
      "Filesystem",
    ]);
  });

  it("an available volume, a failed one, one being deleted; the beta class annotation wins", () => {
    const pv: PersistentVolume = {
      metadata: {
        name: "nfs",
        creationTimestamp: created,
        annotations: { "volume.beta.kubernetes.io/storage-class": "slow" },
      },
      spec: {
        capacity: { storage: "1Ti" },
        accessModes: ["ReadWriteMany", "ReadOnlyMany"],
        persistentVolumeReclaimPolicy: "Recycle",
        storageClassName: "fast",
      },
      status: { phase: "Available" },
    };
    expect(persistentVolumePrinter.cells(pv, { now }).slice(1, 11)).toEqual([
      "1Ti",
      "ROX,RWX",
      "Recycle",
      "Available",
      "",
      "slow",
      "<unset>",
      "",
      "45m",
      "<unset>",
    ]);
    const failed = { ...pv, status: { phase: "Failed", reason: "VolumeFailedRecycle" } };
    expect(persistentVolumePrinter.cells(failed, { now })[8]).toBe("VolumeFailedRecycle");
    const deleting = { ...pv, metadata: { ...pv.metadata, deletionTimestamp: created } };
    expect(persistentVolumePrinter.cells(deleting, { now })[4]).toBe("Terminating");
  });
});

describe("persistentvolumeclaims", () => {
  it("STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE", () => {
    expect(header(persistentVolumeClaimPrinter)).toEqual([
      "Name",
      "Status",
      "Volume",
      "Capacity",
      "Access Modes",
      "StorageClass",
      "VolumeAttributesClass",
      "Age",
      "VolumeMode*",
    ]);
  });

  it("pending: no volume, capacity or access modes yet", () => {
    const pvc: PersistentVolumeClaim = {
      metadata: { name: "data", namespace: "dev", creationTimestamp: created },
      spec: {
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: "10Gi" } },
        storageClassName: "slow",
        volumeMode: "Filesystem",
      },
      status: { phase: "Pending" },
    };
    expect(persistentVolumeClaimPrinter.cells(pvc, { now })).toEqual([
      "data",
      "Pending",
      "",
      "",
      "",
      "slow",
      "<unset>",
      "45m",
      "Filesystem",
    ]);
  });

  it("bound: the volume's capacity and access modes", () => {
    const pvc: PersistentVolumeClaim = {
      metadata: { name: "data", namespace: "dev", creationTimestamp: created },
      spec: {
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: "10Gi" } },
        volumeName: "pvc-3f2a9c",
        storageClassName: "fast",
      },
      status: { phase: "Bound", capacity: { storage: "20Gi" }, accessModes: ["ReadWriteOnce", "ReadWriteOncePod"] },
    };
    expect(persistentVolumeClaimPrinter.cells(pvc, { now })).toEqual([
      "data",
      "Bound",
      "pvc-3f2a9c",
      "20Gi",
      "RWO,RWOP",
      "fast",
      "<unset>",
      "45m",
      "<unset>",
    ]);
    const noClass = { ...pvc, spec: { ...pvc.spec, storageClassName: undefined } };
    expect(persistentVolumeClaimPrinter.cells(noClass, { now })[5]).toBe("");
  });
});

describe("storageclasses", () => {
  it("PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE, (default) after the name", () => {
    const sc: StorageClass = {
      metadata: {
        name: "standard",
        creationTimestamp: created,
        annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
      },
      provisioner: "rancher.io/local-path",
      reclaimPolicy: "Delete",
      volumeBindingMode: "WaitForFirstConsumer",
    };
    expect(header(storageClassPrinter)).toEqual([
      "Name",
      "Provisioner",
      "ReclaimPolicy",
      "VolumeBindingMode",
      "AllowVolumeExpansion",
      "Age",
    ]);
    expect(storageClassPrinter.cells(sc, { now })).toEqual([
      "standard (default)",
      "rancher.io/local-path",
      "Delete",
      "WaitForFirstConsumer",
      false,
      "45m",
    ]);
    const fast: StorageClass = {
      metadata: { name: "fast", creationTimestamp: created },
      provisioner: "pd.csi.storage.gke.io",
      allowVolumeExpansion: true,
    };
    expect(storageClassPrinter.cells(fast, { now })).toEqual([
      "fast",
      "pd.csi.storage.gke.io",
      "Delete",
      "Immediate",
      true,
      "45m",
    ]);
  });
});
