/**
 * Strategic-merge and server-side-apply metadata that kubernetes-types' declarations do not carry: the
 * `patchStrategy` / `patchMergeKey` struct tags and `+listType` / `+listMapKey` markers of k8s.io/api,
 * k8s.io/apimachinery and k8s.io/apiextensions-apiserver, for the GA types of kubernetes-types 1.30. Lists
 * without an entry are atomic. Published as `x-kubernetes-patch-strategy`, `x-kubernetes-patch-merge-key`,
 * `x-kubernetes-list-type` and `x-kubernetes-list-map-keys`: kubectl's client-side `apply` computes its
 * strategic-merge patch from them (lists without a merge key are sent whole).
 */
import type { SchemaModel } from "./definition-model";

export type PatchExtension = {
  strategy?: "merge" | "retainKeys" | "merge,retainKeys" | "replace";
  mergeKey?: string;
  listType?: "set" | "map";
  mapKeys?: string[];
};

const api = "io.k8s.api.";
const meta = "io.k8s.apimachinery.pkg.apis.meta.v1.";
const apiext = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.";

/** Definition name → property → extension. */
export const patchExtensions: Record<string, Record<string, PatchExtension>> = {
  [`${api}admissionregistration.v1.MutatingWebhook`]: {
    matchConditions: { strategy: "merge", mergeKey: "name", listType: "map", mapKeys: ["name"] },
  },
  [`${api}admissionregistration.v1.MutatingWebhookConfiguration`]: {
    webhooks: { strategy: "merge", mergeKey: "name", listType: "map", mapKeys: ["name"] },
  },
  [`${api}admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec`]: { validationActions: { listType: "set" } },
  [`${api}admissionregistration.v1.ValidatingAdmissionPolicySpec`]: {
    matchConditions: { strategy: "merge", mergeKey: "name", listType: "map", mapKeys: ["name"] },
    variables: { strategy: "merge", mergeKey: "name", listType: "map", mapKeys: ["name"] },
  },
  [`${api}admissionregistration.v1.ValidatingAdmissionPolicyStatus`]: {
    conditions: { listType: "map", mapKeys: ["type"] },
  },
  [`${api}admissionregistration.v1.ValidatingWebhook`]: {
    matchConditions: { strategy: "merge", mergeKey: "name", listType: "map", mapKeys: ["name"] },
  },
  [`${api}admissionregistration.v1.ValidatingWebhookConfiguration`]: {
    webhooks: { strategy: "merge", mergeKey: "name", listType: "map", mapKeys: ["name"] },
  },
  [`${api}apps.v1.DaemonSetStatus`]: {
    conditions: { strategy: "merge", mergeKey: "type", listType: "map", mapKeys: ["type"] },
  },
  [`${api}apps.v1.DeploymentSpec`]: { strategy: { strategy: "retainKeys" } },
  [`${api}apps.v1.DeploymentStatus`]: {
    conditions: { strategy: "merge", mergeKey: "type", listType: "map", mapKeys: ["type"] },
  },
  [`${api}apps.v1.ReplicaSetStatus`]: {
    conditions: { strategy: "merge", mergeKey: "type", listType: "map", mapKeys: ["type"] },
  },
  [`${api}apps.v1.StatefulSetStatus`]: {
    conditions: { strategy: "merge", mergeKey: "type", listType: "map", mapKeys: ["type"] },
  },
  [`${api}autoscaling.v2.HorizontalPodAutoscalerStatus`]: {
    conditions: { strategy: "merge", mergeKey: "type", listType: "map", mapKeys: ["type"] },
  },
  [`${api}batch.v1.JobStatus`]: { conditions: { strategy: "merge", mergeKey: "type" } },
  [`${api}batch.v1.PodFailurePolicyOnExitCodesRequirement`]: { values: { listType: "set" } },
  [`${api}batch.v1.UncountedTerminatedPods`]: { failed: { listType: "set" }, succeeded: { listType: "set" } },
  [`${api}certificates.v1.CertificateSigningRequestStatus`]: { conditions: { listType: "map", mapKeys: ["type"] } },
  [`${api}core.v1.ComponentStatus`]: {
    conditions: { strategy: "merge", mergeKey: "type", listType: "map", mapKeys: ["type"] },
  },
  [`${api}core.v1.Container`]: {
    env: { strategy: "merge", mergeKey: "name", listType: "map", mapKeys: ["name"] },
    ports: { strategy: "merge", mergeKey: "containerPort", listType: "map", mapKeys: ["containerPort", "protocol"] },
    volumeDevices: { strategy: "merge", mergeKey: "devicePath", listType: "map", mapKeys: ["devicePath"] },
    volumeMounts: { strategy: "merge", mergeKey: "mountPath", listType: "map", mapKeys: ["mountPath"] },
  },
  [`${api}core.v1.ContainerStatus`]: {
    volumeMounts: { strategy: "merge", mergeKey: "mountPath", listType: "map", mapKeys: ["mountPath"] },
  },
  [`${api}core.v1.EphemeralContainer`]: {
    env: { strategy: "merge", mergeKey: "name", listType: "map", mapKeys: ["name"] },
    ports: { strategy: "merge", mergeKey: "containerPort", listType: "map", mapKeys: ["containerPort", "protocol"] },
    volumeDevices: { strategy: "merge", mergeKey: "devicePath", listType: "map", mapKeys: ["devicePath"] },
    volumeMounts: { strategy: "merge", mergeKey: "mountPath", listType: "map", mapKeys: ["mountPath"] },
  },
  [`${api}core.v1.NamespaceStatus`]: {
    conditions: { strategy: "merge", mergeKey: "type", listType: "map", mapKeys: ["type"] },
  },
  [`${api}core.v1.NodeSpec`]: { podCIDRs: { strategy: "merge", listType: "set" } },
  [`${api}core.v1.NodeStatus`]: {
    addresses: { strategy: "merge", mergeKey: "type", listType: "map", mapKeys: ["type"] },
    conditions: { strategy: "merge", mergeKey: "type", listType: "map", mapKeys: ["type"] },
  },
  [`${api}core.v1.PersistentVolumeClaimStatus`]: {
    conditions: { strategy: "merge", mergeKey: "type", listType: "map", mapKeys: ["type"] },
  },
  [`${api}core.v1.PodSpec`]: {
    containers: { strategy: "merge", mergeKey: "name", listType: "map", mapKeys: ["name"] },
    ephemeralContainers: { strategy: "merge", mergeKey: "name", listType: "map", mapKeys: ["name"] },
    hostAliases: { strategy: "merge", mergeKey: "ip", listType: "map", mapKeys: ["ip"] },
    imagePullSecrets: { strategy: "merge", mergeKey: "name", listType: "map", mapKeys: ["name"] },
    initContainers: { strategy: "merge", mergeKey: "name", listType: "map", mapKeys: ["name"] },
    resourceClaims: { strategy: "merge,retainKeys", mergeKey: "name", listType: "map", mapKeys: ["name"] },
    schedulingGates: { strategy: "merge", mergeKey: "name", listType: "map", mapKeys: ["name"] },
    topologySpreadConstraints: { strategy: "merge", mergeKey: "topologyKey", listType: "map", mapKeys: ["topologyKey", "whenUnsatisfiable"] },
    volumes: { strategy: "merge,retainKeys", mergeKey: "name", listType: "map", mapKeys: ["name"] },
  },
  [`${api}core.v1.PodStatus`]: {
    conditions: { strategy: "merge", mergeKey: "type", listType: "map", mapKeys: ["type"] },
    hostIPs: { strategy: "merge", mergeKey: "ip" },
    podIPs: { strategy: "merge", mergeKey: "ip", listType: "map", mapKeys: ["ip"] },
    resourceClaimStatuses: { strategy: "merge,retainKeys", mergeKey: "name", listType: "map", mapKeys: ["name"] },
  },
  [`${api}core.v1.ReplicationControllerStatus`]: {
    conditions: { strategy: "merge", mergeKey: "type", listType: "map", mapKeys: ["type"] },
  },
  [`${api}core.v1.ResourceRequirements`]: { claims: { listType: "map", mapKeys: ["name"] } },
  [`${api}core.v1.ServiceAccount`]: {
    secrets: { strategy: "merge", mergeKey: "name", listType: "map", mapKeys: ["name"] },
  },
  [`${api}core.v1.ServiceSpec`]: {
    ports: { strategy: "merge", mergeKey: "port", listType: "map", mapKeys: ["port", "protocol"] },
  },
  [`${api}core.v1.ServiceStatus`]: {
    conditions: { strategy: "merge", mergeKey: "type", listType: "map", mapKeys: ["type"] },
  },
  [`${api}discovery.v1.Endpoint`]: { addresses: { listType: "set" } },
  [`${api}flowcontrol.v1.FlowSchemaStatus`]: {
    conditions: { strategy: "merge", mergeKey: "type", listType: "map", mapKeys: ["type"] },
  },
  [`${api}flowcontrol.v1.NonResourcePolicyRule`]: { nonResourceURLs: { listType: "set" }, verbs: { listType: "set" } },
  [`${api}flowcontrol.v1.PriorityLevelConfigurationStatus`]: {
    conditions: { strategy: "merge", mergeKey: "type", listType: "map", mapKeys: ["type"] },
  },
  [`${api}flowcontrol.v1.ResourcePolicyRule`]: {
    apiGroups: { listType: "set" },
    namespaces: { listType: "set" },
    resources: { listType: "set" },
    verbs: { listType: "set" },
  },
  [`${api}policy.v1.PodDisruptionBudgetSpec`]: { selector: { strategy: "replace" } },
  [`${api}policy.v1.PodDisruptionBudgetStatus`]: {
    conditions: { strategy: "merge", mergeKey: "type", listType: "map", mapKeys: ["type"] },
  },
  [`${api}storage.v1.CSIDriverSpec`]: { volumeLifecycleModes: { listType: "set" } },
  [`${api}storage.v1.CSINodeSpec`]: {
    drivers: { strategy: "merge", mergeKey: "name", listType: "map", mapKeys: ["name"] },
  },
  [`${apiext}CustomResourceDefinitionStatus`]: { conditions: { listType: "map", mapKeys: ["type"] } },
  [`${apiext}JSONSchemaProps`]: {
    "x-kubernetes-validations": { strategy: "merge", mergeKey: "rule", listType: "map", mapKeys: ["rule"] },
  },
  [`${meta}ObjectMeta`]: {
    finalizers: { strategy: "merge", listType: "set" },
    ownerReferences: { strategy: "merge", mergeKey: "uid", listType: "map", mapKeys: ["uid"] },
  },
};

/** The `x-kubernetes-*` fields for one property of a definition (empty when it has none). */
export function patchExtensionFields(definition: string, property: string): Partial<SchemaModel> {
  const entry = patchExtensions[definition]?.[property];
  if (!entry) return {};
  return {
    ...(entry.strategy ? { "x-kubernetes-patch-strategy": entry.strategy } : {}),
    ...(entry.mergeKey ? { "x-kubernetes-patch-merge-key": entry.mergeKey } : {}),
    ...(entry.listType ? { "x-kubernetes-list-type": entry.listType } : {}),
    ...(entry.mapKeys ? { "x-kubernetes-list-map-keys": entry.mapKeys } : {}),
  };
}
