import { describeEvents, eventsFor, since } from "./events";
import type { Describer } from "./source";
import { type DescribeWriter, type Obj, DescribeWriter as Writer, annotationsMultiline, at, labelsMultiline, list, quantity, record, rfc1123z, str } from "./writer";
import { formatLabels } from "./network";

/** storageutil.GetAccessModesAsString: fixed order, short names. */
export function accessModes(modes: unknown): string {
  const set = new Set(list<string>(modes));
  return (
    [
      ["ReadWriteOnce", "RWO"],
      ["ReadOnlyMany", "ROX"],
      ["ReadWriteMany", "RWX"],
      ["ReadWriteOncePod", "RWOP"],
    ] as const
  )
    .filter(([mode]) => set.has(mode))
    .map(([, short]) => short)
    .join(",");
}

const claimClass = (pvc: Obj) => str(record(pvc.metadata?.annotations)["volume.beta.kubernetes.io/storage-class"]) || str(at(pvc, "spec", "storageClassName"));

export const describePersistentVolumeClaim: Describer = async (pvc, source, options) => {
  const namespace = pvc.metadata?.namespace ?? "";
  const pods = await source.list({ group: "", version: "v1", resource: "pods", namespace });
  const users = pods.filter(
    (pod) =>
      list(at(pod, "spec", "volumes")).some((v) => str(at(v, "persistentVolumeClaim", "claimName")) === pvc.metadata?.name) ||
      (pvc.metadata?.ownerReferences ?? []).some((o) => o.kind === "Pod" && o.uid === pod.metadata?.uid),
  );
  const events = options.showEvents ? await eventsFor(source, pvc, "PersistentVolumeClaim") : undefined;
  const w = new Writer();
  const spec = record(pvc.spec);
  w.write(0, `Name:\t${pvc.metadata?.name ?? ""}\n`);
  w.write(0, `Namespace:\t${namespace}\n`);
  w.write(0, `StorageClass:\t${claimClass(pvc)}\n`);
  w.write(0, pvc.metadata?.deletionTimestamp ? `Status:\tTerminating (lasts ${since(pvc.metadata.deletionTimestamp, options.now)})\n` : `Status:\t${str(at(pvc, "status", "phase"))}\n`);
  w.write(0, `Volume:\t${str(spec.volumeName)}\n`);
  labelsMultiline(w, "Labels", pvc.metadata?.labels);
  annotationsMultiline(w, "Annotations", pvc.metadata?.annotations);
  w.write(0, `Finalizers:\t[${(pvc.metadata?.finalizers ?? []).join(" ")}]\n`);
  const bound = str(spec.volumeName) !== "";
  w.write(0, `Capacity:\t${bound ? quantity(at(pvc, "status", "capacity", "storage") ?? "0") : ""}\n`);
  w.write(0, `Access Modes:\t${bound ? accessModes(at(pvc, "status", "accessModes")) : ""}\n`);
  if (str(spec.volumeMode)) w.write(0, `VolumeMode:\t${str(spec.volumeMode)}\n`);
  if (spec.dataSource) {
    w.write(0, "DataSource:\n");
    if (at(spec, "dataSource", "apiGroup") !== undefined) w.write(1, `APIGroup:\t${str(at(spec, "dataSource", "apiGroup"))}\n`);
    w.write(1, `Kind:\t${str(at(spec, "dataSource", "kind"))}\n`);
    w.write(1, `Name:\t${str(at(spec, "dataSource", "name"))}\n`);
  }
  const names = [...new Set(users.map((p) => p.metadata?.name ?? ""))].sort();
  w.write(0, "Used By:\t");
  if (names.length === 0) w.write(0, "<none>\n");
  names.forEach((name, i) => w.write(0, `${i === 0 ? "" : "\t"}${name}\n`));
  const conditions = list(at(pvc, "status", "conditions"));
  if (conditions.length > 0) {
    w.write(0, "Conditions:\n");
    w.write(1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const c of conditions) w.write(1, `${str(c.type)} \t${str(c.status)} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${str(c.reason)} \t${str(c.message)}\n`);
  }
  describeEvents(w, events, options.now);
  return w.toString();
};

function nodeAffinity(w: DescribeWriter, affinity: unknown): void {
  w.write(0, "Node Affinity:\t");
  const required = at(affinity, "required");
  if (!required) return w.write(0, "<none>\n");
  w.write(0, "\n");
  w.write(1, "Required Terms:\t");
  const terms = list(at(required, "nodeSelectorTerms"));
  if (terms.length === 0) return w.write(0, "<none>\n");
  w.write(0, "\n");
  terms.forEach((term, i) => {
    w.write(2, `Term ${i}:\t`);
    const reqs = list(term.matchExpressions);
    if (reqs.length === 0) return w.write(0, "<none>\n");
    reqs.forEach((req, j) => {
      if (j !== 0) w.write(2, "\t");
      const values = list<string>(req.values);
      w.write(0, `${str(req.key)} ${str(req.operator).toLowerCase()}${values.length > 0 ? ` [${values.join(", ")}]` : ""}\n`);
    });
  });
}

export const describePersistentVolume: Describer = async (pv, source, options) => {
  const events = options.showEvents ? await eventsFor(source, pv, "PersistentVolume") : undefined;
  const spec = record(pv.spec);
  const w = new Writer();
  w.write(0, `Name:\t${pv.metadata?.name ?? ""}\n`);
  labelsMultiline(w, "Labels", pv.metadata?.labels);
  annotationsMultiline(w, "Annotations", pv.metadata?.annotations);
  w.write(0, `Finalizers:\t[${(pv.metadata?.finalizers ?? []).join(" ")}]\n`);
  w.write(0, `StorageClass:\t${str(record(pv.metadata?.annotations)["volume.beta.kubernetes.io/storage-class"]) || str(spec.storageClassName)}\n`);
  w.write(0, pv.metadata?.deletionTimestamp ? `Status:\tTerminating (lasts ${since(pv.metadata.deletionTimestamp, options.now)})\n` : `Status:\t${str(at(pv, "status", "phase"))}\n`);
  w.write(0, `Claim:\t${spec.claimRef ? `${str(at(spec, "claimRef", "namespace"))}/${str(at(spec, "claimRef", "name"))}` : ""}\n`);
  w.write(0, `Reclaim Policy:\t${str(spec.persistentVolumeReclaimPolicy)}\n`);
  w.write(0, `Access Modes:\t${accessModes(spec.accessModes)}\n`);
  if (str(spec.volumeMode)) w.write(0, `VolumeMode:\t${str(spec.volumeMode)}\n`);
  w.write(0, `Capacity:\t${quantity(at(spec, "capacity", "storage") ?? "0")}\n`);
  nodeAffinity(w, spec.nodeAffinity);
  w.write(0, `Message:\t${str(at(pv, "status", "message"))}\n`);
  w.write(0, "Source:\n");
  if (spec.hostPath) {
    const hp = record(spec.hostPath);
    w.write(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(hp.path)}\n    HostPathType:\t${str(hp.type) || "<none>"}\n`);
  } else if (spec.nfs) {
    const nfs = record(spec.nfs);
    w.write(2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${str(nfs.server)}\n    Path:\t${str(nfs.path)}\n    ReadOnly:\t${nfs.readOnly === true}\n`);
  } else if (spec.local) {
    w.write(2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${str(at(spec, "local", "path"))}\n`);
  } else if (spec.csi) {
    const csi = record(spec.csi);
    w.write(2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${str(csi.driver)}\n    FSType:\t${str(csi.fsType)}\n    VolumeHandle:\t${str(csi.volumeHandle)}\n    ReadOnly:\t${csi.readOnly === true}\n`);
  } else {
    w.write(1, "<unknown>\n");
  }
  describeEvents(w, events, options.now);
  return w.toString();
};

export const describeStorageClass: Describer = async (sc, source, options) => {
  const events = options.showEvents ? await eventsFor(source, sc, "StorageClass") : undefined;
  const annotations = record(sc.metadata?.annotations);
  const isDefault = annotations["storageclass.kubernetes.io/is-default-class"] === "true" || annotations["storageclass.beta.kubernetes.io/is-default-class"] === "true";
  const w = new Writer();
  w.write(0, `Name:\t${sc.metadata?.name ?? ""}\n`);
  w.write(0, `IsDefaultClass:\t${isDefault ? "Yes" : "No"}\n`);
  w.write(0, `Annotations:\t${formatLabels(annotations)}\n`);
  w.write(0, `Provisioner:\t${str(sc.provisioner)}\n`);
  w.write(0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
  w.write(0, `AllowVolumeExpansion:\t${typeof sc.allowVolumeExpansion === "boolean" ? (sc.allowVolumeExpansion ? "True" : "False") : "<unset>"}\n`);
  const mountOptions = list<string>(sc.mountOptions);
  if (mountOptions.length === 0) w.write(0, "MountOptions:\t<none>\n");
  else {
    w.write(0, "MountOptions:\n");
    for (const o of mountOptions) w.write(1, `${o}\n`);
  }
  if (str(sc.reclaimPolicy)) w.write(0, `ReclaimPolicy:\t${str(sc.reclaimPolicy)}\n`);
  if (str(sc.volumeBindingMode)) w.write(0, `VolumeBindingMode:\t${str(sc.volumeBindingMode)}\n`);
  describeEvents(w, events, options.now);
  return w.toString();
};
