// Default apiVersion per kind, so lab authors can write `kind: Deployment` without `apiVersion: apps/v1`.
const DEFAULT_API_VERSIONS: Record<string, string> = {
  Pod: "v1",
  Service: "v1",
  ConfigMap: "v1",
  Secret: "v1",
  Namespace: "v1",
  Node: "v1",
  ServiceAccount: "v1",
  PersistentVolumeClaim: "v1",
  PersistentVolume: "v1",
  Endpoints: "v1",
  Event: "v1",
  ResourceQuota: "v1",
  LimitRange: "v1",
  ReplicationController: "v1",
  Deployment: "apps/v1",
  ReplicaSet: "apps/v1",
  StatefulSet: "apps/v1",
  DaemonSet: "apps/v1",
  ControllerRevision: "apps/v1",
  Job: "batch/v1",
  CronJob: "batch/v1",
  Ingress: "networking.k8s.io/v1",
  IngressClass: "networking.k8s.io/v1",
  NetworkPolicy: "networking.k8s.io/v1",
  EndpointSlice: "discovery.k8s.io/v1",
  Role: "rbac.authorization.k8s.io/v1",
  RoleBinding: "rbac.authorization.k8s.io/v1",
  ClusterRole: "rbac.authorization.k8s.io/v1",
  ClusterRoleBinding: "rbac.authorization.k8s.io/v1",
  StorageClass: "storage.k8s.io/v1",
  HorizontalPodAutoscaler: "autoscaling/v2",
  PodDisruptionBudget: "policy/v1",
  CustomResourceDefinition: "apiextensions.k8s.io/v1",
};

export function defaultApiVersion(kind: string): string | undefined {
  return DEFAULT_API_VERSIONS[kind];
}

export function resolveApiVersion(kind: string, apiVersion: string | undefined): string {
  return apiVersion ?? DEFAULT_API_VERSIONS[kind] ?? "v1";
}
