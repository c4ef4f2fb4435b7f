import { crudVerbs, type ResourceType, type Subresource, type Verb } from "./resource-type";

// The built-in kinds kubeclass serves, with the short names, categories and subresources real clusters
// publish (kubectl relies on them: `kubectl get deploy`, `kubectl get all`, `kubectl scale`, `kubectl logs`).

type Spec = {
  kind: string;
  plural?: string;
  shortNames?: string[];
  all?: boolean;
  cluster?: boolean;
  verbs?: Verb[];
  sub?: Subresource[];
};

const status = (kind: string): Subresource => ({ name: "status", kind, verbs: ["get", "patch", "update"] });
const scale: Subresource = {
  name: "scale",
  kind: "Scale",
  group: "autoscaling",
  version: "v1",
  verbs: ["get", "patch", "update"],
};

function define(group: string, version: string, specs: Spec[]): ResourceType[] {
  return specs.map((spec) => ({
    group,
    version,
    kind: spec.kind,
    listKind: `${spec.kind}List`,
    plural: spec.plural ?? `${spec.kind.toLowerCase()}s`,
    singular: spec.kind.toLowerCase(),
    shortNames: spec.shortNames ?? [],
    categories: spec.all ? ["all"] : [],
    namespaced: !spec.cluster,
    verbs: spec.verbs ?? crudVerbs,
    subresources: spec.sub ?? [],
  }));
}

const noDeleteCollection = crudVerbs.filter((v) => v !== "deletecollection");

export const builtinResources: ResourceType[] = [
  ...define("", "v1", [
    {
      kind: "Namespace",
      shortNames: ["ns"],
      cluster: true,
      verbs: noDeleteCollection,
      sub: [status("Namespace"), { name: "finalize", kind: "Namespace", verbs: ["update"] }],
    },
    {
      kind: "Pod",
      shortNames: ["po"],
      all: true,
      sub: [
        status("Pod"),
        { name: "log", kind: "Pod", verbs: ["get"] },
        { name: "binding", kind: "Binding", verbs: ["create"] },
        { name: "eviction", kind: "Eviction", group: "policy", version: "v1", verbs: ["create"] },
      ],
    },
    { kind: "Binding", verbs: ["create"] },
    { kind: "Service", shortNames: ["svc"], all: true, sub: [status("Service")] },
    { kind: "Endpoints", plural: "endpoints", shortNames: ["ep"] },
    { kind: "ConfigMap", shortNames: ["cm"] },
    { kind: "Secret" },
    {
      kind: "ServiceAccount",
      shortNames: ["sa"],
      sub: [{ name: "token", kind: "TokenRequest", group: "authentication.k8s.io", version: "v1", verbs: ["create"] }],
    },
    { kind: "PersistentVolume", shortNames: ["pv"], cluster: true, sub: [status("PersistentVolume")] },
    { kind: "PersistentVolumeClaim", shortNames: ["pvc"], sub: [status("PersistentVolumeClaim")] },
    { kind: "ResourceQuota", shortNames: ["quota"], sub: [status("ResourceQuota")] },
    { kind: "LimitRange", shortNames: ["limits"] },
    { kind: "Node", shortNames: ["no"], cluster: true, sub: [status("Node")] },
    { kind: "Event", shortNames: ["ev"] },
  ]),
  ...define("apps", "v1", [
    { kind: "Deployment", shortNames: ["deploy"], all: true, sub: [status("Deployment"), scale] },
    { kind: "ReplicaSet", shortNames: ["rs"], all: true, sub: [status("ReplicaSet"), scale] },
    { kind: "StatefulSet", shortNames: ["sts"], all: true, sub: [status("StatefulSet"), scale] },
    { kind: "DaemonSet", shortNames: ["ds"], all: true, sub: [status("DaemonSet")] },
    { kind: "ControllerRevision" },
  ]),
  ...define("coordination.k8s.io", "v1", [{ kind: "Lease" }]),
  ...define("batch", "v1", [
    { kind: "Job", all: true, sub: [status("Job")] },
    { kind: "CronJob", shortNames: ["cj"], all: true, sub: [status("CronJob")] },
  ]),
  ...define("networking.k8s.io", "v1", [
    { kind: "Ingress", plural: "ingresses", shortNames: ["ing"], sub: [status("Ingress")] },
    { kind: "IngressClass", plural: "ingressclasses", cluster: true },
    { kind: "NetworkPolicy", plural: "networkpolicies", shortNames: ["netpol"] },
  ]),
  ...define("storage.k8s.io", "v1", [{ kind: "StorageClass", plural: "storageclasses", shortNames: ["sc"], cluster: true }]),
  ...define("discovery.k8s.io", "v1", [{ kind: "EndpointSlice" }]),
  ...define("rbac.authorization.k8s.io", "v1", [
    { kind: "Role" },
    { kind: "RoleBinding" },
    { kind: "ClusterRole", cluster: true },
    { kind: "ClusterRoleBinding", cluster: true },
  ]),
  ...define("authentication.k8s.io", "v1", [{ kind: "SelfSubjectReview", cluster: true, verbs: ["create"] }]),
  ...define("authorization.k8s.io", "v1", [
    { kind: "SelfSubjectAccessReview", cluster: true, verbs: ["create"] },
    { kind: "SelfSubjectRulesReview", cluster: true, verbs: ["create"] },
  ]),
  ...define("apiextensions.k8s.io", "v1", [
    {
      kind: "CustomResourceDefinition",
      shortNames: ["crd", "crds"],
      cluster: true,
      sub: [status("CustomResourceDefinition")],
    },
  ]),
];
