import { type DescribeWriter, at, list, num, quantity, record, str } from "./writer";

type Row = Record<string, unknown>;

/** The Volumes section of a pod (space "") or pod template (space "  "). */
export function describeVolumes(w: DescribeWriter, volumes: Row[], space: string): void {
  if (volumes.length === 0) return w.write(0, `${space}Volumes:\t<none>\n`);
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? " " : ""}${str(v.name)}:\n`);
    describeVolumeSource(w, v);
  }
}

const sub = (lines: [string, unknown][]) => lines.map(([k, v], i) => `${i === 0 ? "" : "    "}${k}:\t${typeof v === "string" ? v : String(v)}\n`).join("");

function describeVolumeSource(w: DescribeWriter, v: Row): void {
  const s = (field: string) => record(v[field]);
  if (v.hostPath) {
    return w.write(2, sub([["Type", "HostPath (bare host directory volume)"], ["Path", str(s("hostPath").path)], ["HostPathType", str(s("hostPath").type) || "<none>"]]));
  }
  if (v.emptyDir) {
    const limit = s("emptyDir").sizeLimit;
    const sizeLimit = limit !== undefined && quantity(limit) !== "0" ? quantity(limit) : "<unset>";
    return w.write(2, sub([["Type", "EmptyDir (a temporary directory that shares a pod's lifetime)"], ["Medium", str(s("emptyDir").medium)], ["SizeLimit", sizeLimit]]));
  }
  if (v.secret) {
    return w.write(2, sub([["Type", "Secret (a volume populated by a Secret)"], ["SecretName", str(s("secret").secretName)], ["Optional", s("secret").optional === true]]));
  }
  if (v.configMap) {
    return w.write(2, sub([["Type", "ConfigMap (a volume populated by a ConfigMap)"], ["Name", str(s("configMap").name)], ["Optional", s("configMap").optional === true]]));
  }
  if (v.nfs) {
    return w.write(2, sub([["Type", "NFS (an NFS mount that lasts the lifetime of a pod)"], ["Server", str(s("nfs").server)], ["Path", str(s("nfs").path)], ["ReadOnly", s("nfs").readOnly === true]]));
  }
  if (v.persistentVolumeClaim) {
    const claim = s("persistentVolumeClaim");
    return w.write(2, sub([["Type", "PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)"], ["ClaimName", str(claim.claimName)], ["ReadOnly", claim.readOnly === true]]));
  }
  if (v.downwardAPI) {
    w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
    for (const item of list(s("downwardAPI").items)) {
      if (item.fieldRef) w.write(3, `${str(at(item, "fieldRef", "fieldPath"))} -> ${str(item.path)}\n`);
      if (item.resourceFieldRef) w.write(3, `${str(at(item, "resourceFieldRef", "resource"))} -> ${str(item.path)}\n`);
    }
    return;
  }
  if (v.projected) {
    w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
    for (const source of list(s("projected").sources)) {
      if (source.secret) w.write(2, sub([["SecretName", str(at(source, "secret", "name"))], ["Optional", at(source, "secret", "optional") === true]]));
      else if (source.downwardAPI) w.write(2, "DownwardAPI:\ttrue\n");
      else if (source.configMap) w.write(2, sub([["ConfigMapName", str(at(source, "configMap", "name"))], ["Optional", at(source, "configMap", "optional") === true]]));
      else if (source.serviceAccountToken) w.write(2, `TokenExpirationSeconds:\t${num(at(source, "serviceAccountToken", "expirationSeconds"))}\n`);
    }
    return;
  }
  if (v.csi) {
    const csi = s("csi");
    w.write(2, sub([["Type", "CSI (a Container Storage Interface (CSI) volume source)"], ["Driver", str(csi.driver)], ["FSType", str(csi.fsType)], ["ReadOnly", csi.readOnly === true]]));
    const attributes = record(csi.volumeAttributes);
    const keys = Object.keys(attributes).sort();
    w.write(0, "    VolumeAttributes:\t");
    if (keys.length === 0) return w.write(0, "<none>\n");
    keys.forEach((key, i) => w.write(0, `${i === 0 ? "" : "        \t"}${key}=${str(attributes[key])}\n`));
    return;
  }
  if (v.ephemeral) return w.write(2, "Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n");
  w.write(1, "<unknown>\n");
}
