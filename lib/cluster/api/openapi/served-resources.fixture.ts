/** The resources kubeclass serves, as tests of this folder describe them (the API server feeds its registry). */
import type { ServedResource, Verb } from "./served-resource";

const all: Verb[] = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
const getPatchUpdate: Verb[] = ["get", "patch", "update"];
const status = { name: "status", verbs: getPatchUpdate };
const scale = { name: "scale", group: "autoscaling", version: "v1", kind: "Scale", verbs: getPatchUpdate };
const eviction = { name: "eviction", group: "policy", version: "v1", kind: "Eviction", verbs: ["create" as const] };
const token = { name: "token", group: "authentication.k8s.io", version: "v1", kind: "TokenRequest", verbs: eviction.verbs };

type Row = [kind: string, plural: string, namespaced: boolean, sub?: ServedResource["subresources"], verbs?: Verb[]];
const define = (group: string, version: string, rows: Row[]) =>
  rows.map(
    ([kind, plural, namespaced, subresources, verbs]): ServedResource => ({
      group,
      version,
      kind,
      plural,
      namespaced,
      verbs: verbs ?? all,
      subresources,
    }),
  );

export const servedResources: ServedResource[] = [
  ...define("", "v1", [
    ["Namespace", "namespaces", false, [status, { name: "finalize", verbs: ["update"] }]],
    ["Pod", "pods", true, [status, "log", "binding", eviction]],
    ["Binding", "bindings", true, [], ["create"]],
    ["Service", "services", true, [status]],
    ["Endpoints", "endpoints", true],
    ["ConfigMap", "configmaps", true],
    ["Secret", "secrets", true],
    ["ServiceAccount", "serviceaccounts", true, [token]],
    ["PersistentVolume", "persistentvolumes", false, [status]],
    ["PersistentVolumeClaim", "persistentvolumeclaims", true, [status]],
    ["ResourceQuota", "resourcequotas", true, [status]],
    ["LimitRange", "limitranges", true],
    ["Node", "nodes", false, [status]],
    ["Event", "events", true],
  ]),
  ...define("apps", "v1", [
    ["Deployment", "deployments", true, [status, scale]],
    ["ReplicaSet", "replicasets", true, [status, scale]],
    ["StatefulSet", "statefulsets", true, [status, scale]],
    ["DaemonSet", "daemonsets", true, [status]],
  ]),
  ...define("batch", "v1", [
    ["Job", "jobs", true, [status]],
    ["CronJob", "cronjobs", true, [status]],
  ]),
  ...define("networking.k8s.io", "v1", [
    ["Ingress", "ingresses", true, [status]],
    ["IngressClass", "ingressclasses", false],
    ["NetworkPolicy", "networkpolicies", true],
  ]),
  ...define("storage.k8s.io", "v1", [["StorageClass", "storageclasses", false]]),
  ...define("discovery.k8s.io", "v1", [["EndpointSlice", "endpointslices", true]]),
  ...define("rbac.authorization.k8s.io", "v1", [
    ["Role", "roles", true],
    ["RoleBinding", "rolebindings", true],
    ["ClusterRole", "clusterroles", false],
    ["ClusterRoleBinding", "clusterrolebindings", false],
  ]),
  ...define("authorization.k8s.io", "v1", [
    ["SelfSubjectAccessReview", "selfsubjectaccessreviews", false, [], ["create"]],
  ]),
  ...define("apiextensions.k8s.io", "v1", [["CustomResourceDefinition", "customresourcedefinitions", false, [status]]]),
];
