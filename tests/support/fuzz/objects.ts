import type { FuzzResource } from "./resources";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const labels = { app: "web" };
const podSpec = (image = "nginx:1.27"): JsonObject => ({
  containers: [{ name: "web", image, ports: [{ containerPort: 80, protocol: "TCP" }], env: [{ name: "A", value: "1" }] }],
  restartPolicy: "Always",
});
const template = (): JsonObject => ({ metadata: { labels }, spec: podSpec() });

/** A valid-looking spec/body per kind: what a careful client would send. */
const bodies: Record<string, () => JsonObject> = {
  Namespace: () => ({ spec: {} }),
  Pod: () => ({ spec: podSpec() }),
  Service: () => ({ spec: { selector: labels, ports: [{ port: 80, targetPort: 8080, protocol: "TCP" }], type: "ClusterIP" } }),
  Endpoints: () => ({ subsets: [{ addresses: [{ ip: "10.0.0.1" }], ports: [{ port: 80 }] }] }),
  ConfigMap: () => ({ data: { "game.properties": "lives=3", mode: "easy" } }),
  Secret: () => ({ type: "Opaque", data: { password: "cGFzc3dvcmQ=" }, stringData: { user: "admin" } }),
  ServiceAccount: () => ({ automountServiceAccountToken: false }),
  PersistentVolume: () => ({ spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], hostPath: { path: "/data" } } }),
  PersistentVolumeClaim: () => ({ spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }),
  ResourceQuota: () => ({ spec: { hard: { pods: "10", "requests.cpu": "4" } } }),
  LimitRange: () => ({ spec: { limits: [{ type: "Container", default: { cpu: "500m" } }] } }),
  Node: () => ({ spec: { unschedulable: false }, status: { capacity: { cpu: "4" } } }),
  Event: () => ({ involvedObject: { kind: "Pod", name: "p1", namespace: "fuzz-a" }, reason: "Fuzzed", message: "hello", type: "Normal" }),
  Binding: () => ({ target: { apiVersion: "v1", kind: "Node", name: "node-1" } }),
  Deployment: () => ({ spec: { replicas: 2, selector: { matchLabels: labels }, template: template(), strategy: { type: "RollingUpdate" } } }),
  ReplicaSet: () => ({ spec: { replicas: 1, selector: { matchLabels: labels }, template: template() } }),
  StatefulSet: () => ({ spec: { replicas: 1, serviceName: "svc", selector: { matchLabels: labels }, template: template() } }),
  DaemonSet: () => ({ spec: { selector: { matchLabels: labels }, template: template() } }),
  Job: () => ({ spec: { template: { spec: { ...podSpec("busybox"), restartPolicy: "Never" } }, backoffLimit: 2 } }),
  CronJob: () => ({
    spec: { schedule: "*/5 * * * *", jobTemplate: { spec: { template: { spec: { ...podSpec("busybox"), restartPolicy: "OnFailure" } } } } },
  }),
  NetworkPolicy: () => ({ spec: { podSelector: { matchLabels: labels }, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: {} }] }] } }),
  Ingress: () => ({
    spec: { rules: [{ host: "a.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "svc", port: { number: 80 } } } }] } }] },
  }),
  Role: () => ({ rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }] }),
  ClusterRole: () => ({ rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }] }),
  RoleBinding: () => ({
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
    subjects: [{ kind: "User", name: "learner@fuzz.test", apiGroup: "rbac.authorization.k8s.io" }],
  }),
  ClusterRoleBinding: () => ({
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
    subjects: [{ kind: "User", name: "learner@fuzz.test", apiGroup: "rbac.authorization.k8s.io" }],
  }),
  SelfSubjectAccessReview: () => ({ spec: { resourceAttributes: { verb: "list", resource: "pods", namespace: "fuzz-a" } } }),
  SubjectAccessReview: () => ({ spec: { user: "learner@fuzz.test", resourceAttributes: { verb: "get", resource: "pods" } } }),
  CustomResourceDefinition: () => ({
    spec: {
      group: "stable.example.com",
      names: { plural: "crontabs", singular: "crontab", kind: "CronTab" },
      scope: "Namespaced",
      versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object" } } }],
    },
  }),
  Scale: () => ({ spec: { replicas: 3 } }),
  HorizontalPodAutoscaler: () => ({
    spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" }, minReplicas: 1, maxReplicas: 3 },
  }),
};

export function apiVersionOf(resource: Pick<FuzzResource, "group" | "version">): string {
  return resource.group ? `${resource.group}/${resource.version}` : resource.version;
}

/** A well-formed object of the resource's kind, as kubectl would send it. */
export function validObject(resource: FuzzResource, name: string, namespace: string | undefined): JsonObject {
  const body = (bodies[resource.kind] ?? (() => ({ spec: { anything: true } })))();
  return {
    apiVersion: apiVersionOf(resource),
    kind: resource.kind,
    metadata: { name, ...(resource.namespaced && namespace ? { namespace } : {}), labels: { ...labels, fuzz: "yes" }, annotations: { note: "fuzz" } },
    ...body,
  };
}

export function deleteOptions(extra: JsonObject = {}): JsonObject {
  return { kind: "DeleteOptions", apiVersion: "v1", ...extra };
}
