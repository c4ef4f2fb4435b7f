/**
 * The strategic-merge tags of k8s.io/api, per built-in kind, keyed `Kind.group` (core has group ""). Written
 * out from the struct tags (`patchStrategy:"merge" patchMergeKey:"name"`) of the types named in the comments;
 * a field without a tag is absent here, which means: objects merge, lists are replaced (e.g. tolerations,
 * envFrom, taints, args, command, LabelSelector.matchExpressions).
 */
import type { PatchMeta, PatchMetaTable } from "./patch-meta";

const merge = (mergeKey?: string): PatchMeta => (mergeKey ? { strategy: "merge", mergeKey } : { strategy: "merge" });
const mergeRetainKeys = (mergeKey: string): PatchMeta => ({ strategy: "merge,retainKeys", mergeKey });

/** Moves a table under a field path. */
function under(prefix: string, table: PatchMetaTable): PatchMetaTable {
  return Object.fromEntries(Object.entries(table).map(([path, meta]) => [`${prefix}.${path}`, meta]));
}

const combine = (...tables: PatchMetaTable[]): PatchMetaTable => Object.assign({}, ...tables) as PatchMetaTable;

/** metav1.ObjectMeta */
const OBJECT_META: PatchMetaTable = { finalizers: merge(), ownerReferences: merge("uid") };

/** core/v1 Container and EphemeralContainerCommon */
const CONTAINER: PatchMetaTable = {
  ports: merge("containerPort"),
  env: merge("name"),
  volumeMounts: merge("mountPath"),
  volumeDevices: merge("devicePath"),
};

/** core/v1 PodSpec */
const POD_SPEC: PatchMetaTable = combine(
  {
    volumes: mergeRetainKeys("name"),
    initContainers: merge("name"),
    containers: merge("name"),
    ephemeralContainers: merge("name"),
    imagePullSecrets: merge("name"),
    hostAliases: merge("ip"),
    topologySpreadConstraints: merge("topologyKey"),
    schedulingGates: merge("name"),
    resourceClaims: mergeRetainKeys("name"),
  },
  under("initContainers", CONTAINER),
  under("containers", CONTAINER),
  under("ephemeralContainers", CONTAINER),
);

/** core/v1 PodStatus */
const POD_STATUS: PatchMetaTable = {
  conditions: merge("type"),
  hostIPs: merge("ip"),
  podIPs: merge("ip"),
  resourceClaimStatuses: mergeRetainKeys("name"),
};

/** core/v1 PodTemplateSpec */
const POD_TEMPLATE_SPEC = combine(under("metadata", OBJECT_META), under("spec", POD_SPEC));

/** The `status.conditions` list most kinds key by `type`. */
const STATUS_CONDITIONS: PatchMetaTable = { "status.conditions": merge("type") };

/** Every kind has ObjectMeta at `metadata`. */
const kind = (...tables: PatchMetaTable[]): PatchMetaTable => combine(under("metadata", OBJECT_META), ...tables);

/** A workload whose pods come from `spec.template` and whose status has conditions. */
const workload = (...tables: PatchMetaTable[]) => kind(under("spec.template", POD_TEMPLATE_SPEC), STATUS_CONDITIONS, ...tables);

const plain = (group: string, ...kinds: string[]) => Object.fromEntries(kinds.map((name) => [`${name}.${group}`, kind()]));

export const BUILT_IN_PATCH_META: Readonly<Record<string, PatchMetaTable>> = {
  // core/v1
  "Pod.": kind(under("spec", POD_SPEC), under("status", POD_STATUS)),
  "PodTemplate.": kind(under("template", POD_TEMPLATE_SPEC)),
  "ReplicationController.": workload(),
  "Service.": kind({ "spec.ports": merge("port") }, STATUS_CONDITIONS),
  "ServiceAccount.": kind({ secrets: merge("name") }),
  "Node.": kind({ "spec.podCIDRs": merge(), "status.addresses": merge("type") }, STATUS_CONDITIONS),
  "Namespace.": kind(STATUS_CONDITIONS),
  "PersistentVolumeClaim.": kind(STATUS_CONDITIONS),
  "ComponentStatus.": kind({ conditions: merge("type") }),
  ...plain("", "ConfigMap", "Secret", "Endpoints", "Event", "LimitRange", "ResourceQuota", "PersistentVolume"),
  // apps/v1
  "Deployment.apps": workload({ "spec.strategy": { strategy: "retainKeys" } }),
  "ReplicaSet.apps": workload(),
  "StatefulSet.apps": workload(),
  "DaemonSet.apps": workload(),
  ...plain("apps", "ControllerRevision"),
  // batch/v1
  "Job.batch": workload(),
  "CronJob.batch": kind(
    under("spec.jobTemplate.metadata", OBJECT_META),
    under("spec.jobTemplate.spec.template", POD_TEMPLATE_SPEC),
  ),
  // policy/v1
  "PodDisruptionBudget.policy": kind({ "spec.selector": { strategy: "replace" } }, STATUS_CONDITIONS),
  // autoscaling/v1 and v2 (v1 has no conditions; the entry is harmless there)
  "HorizontalPodAutoscaler.autoscaling": kind(STATUS_CONDITIONS),
  ...plain("autoscaling", "Scale"),
  // storage.k8s.io/v1
  "CSINode.storage.k8s.io": kind({ "spec.drivers": merge("name") }),
  ...plain("storage.k8s.io", "StorageClass", "CSIDriver", "VolumeAttachment"),
  ...plain("networking.k8s.io", "Ingress", "IngressClass", "NetworkPolicy"),
  ...plain("rbac.authorization.k8s.io", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"),
  ...plain("discovery.k8s.io", "EndpointSlice"),
  ...plain("coordination.k8s.io", "Lease"),
  ...plain("events.k8s.io", "Event"),
  ...plain("scheduling.k8s.io", "PriorityClass"),
  ...plain("apiextensions.k8s.io", "CustomResourceDefinition"),
};
