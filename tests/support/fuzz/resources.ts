/** What the fuzzer knows of the API: real groups, versions, resources and subresources, plus near misses. */
export type FuzzResource = {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
  subresources: string[];
  /** How often the fuzzer picks it: what is served and used most, most often. */
  weight: number;
};

const common = new Set(["namespaces", "pods", "services", "configmaps", "secrets", "deployments", "roles", "rolebindings", "jobs"]);
// Not served by kubeclass (yet): near misses that must still get a clean 404.
const unserved = new Set(["replicationcontrollers", "controllerrevisions", "subjectaccessreviews", "localsubjectaccessreviews", "poddisruptionbudgets", "horizontalpodautoscalers", "leases", "certificatesigningrequests", "crontabs"]);

const r = (group: string, version: string, plural: string, kind: string, namespaced: boolean, subresources: string[] = []): FuzzResource => ({
  group,
  version,
  plural,
  kind,
  namespaced,
  subresources,
  weight: common.has(plural) ? 4 : unserved.has(plural) ? 1 : 2,
});

export const resources: FuzzResource[] = [
  r("", "v1", "namespaces", "Namespace", false, ["status", "finalize"]),
  r("", "v1", "pods", "Pod", true, ["status", "log", "binding", "eviction", "exec", "attach", "portforward", "proxy", "ephemeralcontainers"]),
  r("", "v1", "services", "Service", true, ["status", "proxy"]),
  r("", "v1", "endpoints", "Endpoints", true),
  r("", "v1", "configmaps", "ConfigMap", true),
  r("", "v1", "secrets", "Secret", true),
  r("", "v1", "serviceaccounts", "ServiceAccount", true, ["token"]),
  r("", "v1", "persistentvolumes", "PersistentVolume", false, ["status"]),
  r("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true, ["status"]),
  r("", "v1", "resourcequotas", "ResourceQuota", true, ["status"]),
  r("", "v1", "limitranges", "LimitRange", true),
  r("", "v1", "nodes", "Node", false, ["status", "proxy"]),
  r("", "v1", "events", "Event", true),
  r("", "v1", "bindings", "Binding", true),
  r("", "v1", "replicationcontrollers", "ReplicationController", true, ["scale", "status"]),
  r("apps", "v1", "deployments", "Deployment", true, ["status", "scale"]),
  r("apps", "v1", "replicasets", "ReplicaSet", true, ["status", "scale"]),
  r("apps", "v1", "statefulsets", "StatefulSet", true, ["status", "scale"]),
  r("apps", "v1", "daemonsets", "DaemonSet", true, ["status"]),
  r("apps", "v1", "controllerrevisions", "ControllerRevision", true),
  r("batch", "v1", "jobs", "Job", true, ["status"]),
  r("batch", "v1", "cronjobs", "CronJob", true, ["status"]),
  r("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true),
  r("networking.k8s.io", "v1", "ingresses", "Ingress", true, ["status"]),
  r("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false),
  r("rbac.authorization.k8s.io", "v1", "roles", "Role", true),
  r("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true),
  r("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false),
  r("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false),
  r("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false),
  r("authorization.k8s.io", "v1", "selfsubjectrulesreviews", "SelfSubjectRulesReview", false),
  r("authorization.k8s.io", "v1", "subjectaccessreviews", "SubjectAccessReview", false),
  r("authorization.k8s.io", "v1", "localsubjectaccessreviews", "LocalSubjectAccessReview", true),
  r("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false, ["status"]),
  r("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, ["status"]),
  r("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, ["status"]),
  r("storage.k8s.io", "v1", "storageclasses", "StorageClass", false),
  r("coordination.k8s.io", "v1", "leases", "Lease", true),
  r("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", true),
  r("certificates.k8s.io", "v1", "certificatesigningrequests", "CertificateSigningRequest", false, ["approval", "status"]),
  r("stable.example.com", "v1", "crontabs", "CronTab", true),
];

export const namespaces = ["fuzz-a", "fuzz-b", "default", "kube-system", "no-such-ns"];

/** The objects the fuzz setup creates in fuzz-a and fuzz-b (and the namespaces): updates and patches hit them. */
export const seededNames: Record<string, string> = {
  namespaces: "fuzz-a",
  configmaps: "fuzz-cm",
  secrets: "fuzz-secret",
  deployments: "web",
  statefulsets: "web",
  replicasets: "web",
  services: "svc",
  pods: "p1",
  serviceaccounts: "sa",
  jobs: "job",
  cronjobs: "cron",
  roles: "r",
  rolebindings: "rb",
  networkpolicies: "np",
  persistentvolumeclaims: "claim",
  clusterroles: "view",
};

export const knownNames = [...new Set(Object.values(seededNames)), "fuzz-b"];

export const otherNames = ["default", "kube-system", "cluster-admin", "system:basic-user", "node-1", "admin", "edit", "view", "x"];

export const nonResourcePaths = [
  "/",
  "/version",
  "/version/",
  "/healthz",
  "/healthz/ping",
  "/livez",
  "/readyz",
  "/readyz/verbose",
  "/api",
  "/api/",
  "/api/v1",
  "/api/v2",
  "/apis",
  "/apis/apps",
  "/apis/apps/v1",
  "/apis/apps/v1beta1",
  "/apis/nope",
  "/openapi/v2",
  "/openapi/v3",
  "/openapi/v3/api/v1",
  "/openapi/v3/apis/apps/v1",
  "/openapi/v3/apis/nope/v1",
  "/swagger-2.0.0.pb-v1",
  "/metrics",
  "/logs/",
  "/.well-known/openid-configuration",
  "/openid/v1/jwks",
];
