import type { ClusterRole, ClusterRoleBinding, PolicyRule, Subject } from "kubernetes-types/rbac/v1";
import { compareGoStrings } from "./go-format";
import { allAuthenticated, allServiceAccounts, allUnauthenticated, rbacGroup, systemMasters } from "./subjects";

/**
 * The ClusterRoles and ClusterRoleBindings a Kubernetes API server creates at start
 * (plugin/pkg/auth/authorizer/rbac/bootstrappolicy, as rendered in its testdata golden files, Kubernetes
 * 1.28–1.30 era, feature-gated rules left out). `admin`, `edit` and `view` are aggregated roles whose rules come
 * from the `system:aggregate-to-*` fragments; the controller and node roles are kept too, harmless here.
 */

export const aggregateToAdmin = "rbac.authorization.k8s.io/aggregate-to-admin";
export const aggregateToEdit = "rbac.authorization.k8s.io/aggregate-to-edit";
export const aggregateToView = "rbac.authorization.k8s.io/aggregate-to-view";
export const bootstrappingLabel = "kubernetes.io/bootstrapping";
export const autoUpdateAnnotation = "rbac.authorization.kubernetes.io/autoupdate";

const read = ["get", "list", "watch"];
const write = ["create", "update", "patch", "delete", "deletecollection"];
const readWrite = [...read, ...write];
const readUpdate = ["get", "list", "watch", "update", "patch"];

const sorted = (xs: readonly string[]) => [...xs].sort(compareGoStrings);

/** rbacv1helpers.NewRule(...).Groups(...).Resources(...).Names(...): every list sorted, as the builder does. */
function rule(verbs: readonly string[], apiGroups: readonly string[], resources: readonly string[], resourceNames?: readonly string[]): PolicyRule {
  return {
    apiGroups: sorted(apiGroups),
    resources: sorted(resources),
    ...(resourceNames ? { resourceNames: sorted(resourceNames) } : {}),
    verbs: sorted(verbs),
  };
}

const urls = (verbs: readonly string[], nonResourceURLs: readonly string[]): PolicyRule => ({
  nonResourceURLs: sorted(nonResourceURLs),
  verbs: sorted(verbs),
});

const core = "";
const events = rule(["create", "update", "patch"], [core, "events.k8s.io"], ["events"]);

function clusterRole(name: string, rules: PolicyRule[], extra: { labels?: Record<string, string>; aggregate?: string } = {}): ClusterRole {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: {
      name,
      labels: { ...extra.labels, [bootstrappingLabel]: "rbac-defaults" },
      annotations: { [autoUpdateAnnotation]: "true" },
    },
    ...(extra.aggregate ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [extra.aggregate]: "true" } }] } } : { rules }),
  };
}

const approver = (name: string, signer: string) =>
  clusterRole(`system:certificates.k8s.io:${name}`, [rule(["approve"], ["certificates.k8s.io"], ["signers"], [signer])]);

export function bootstrapClusterRoles(): ClusterRole[] {
  const roles = [
    clusterRole("cluster-admin", [rule(["*"], ["*"], ["*"]), urls(["*"], ["*"])]),
    clusterRole("system:discovery", [
      urls(["get"], ["/livez", "/readyz", "/healthz", "/version", "/version/", "/openapi", "/openapi/*", "/api", "/api/*", "/apis", "/apis/*"]),
    ]),
    clusterRole("system:monitoring", [
      urls(["get"], ["/metrics", "/metrics/slis", "/livez", "/readyz", "/healthz", "/livez/*", "/readyz/*", "/healthz/*"]),
    ]),
    clusterRole("system:basic-user", [
      rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
      rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
    ]),
    clusterRole("system:public-info-viewer", [urls(["get"], ["/livez", "/readyz", "/healthz", "/version", "/version/"])]),
    clusterRole("admin", [], { aggregate: aggregateToAdmin }),
    clusterRole("edit", [], { aggregate: aggregateToEdit, labels: { [aggregateToAdmin]: "true" } }),
    clusterRole("view", [], { aggregate: aggregateToView, labels: { [aggregateToEdit]: "true" } }),
    clusterRole(
      "system:aggregate-to-admin",
      [
        rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]),
        rule(readWrite, [rbacGroup], ["roles", "rolebindings"]),
      ],
      { labels: { [aggregateToAdmin]: "true" } },
    ),
    clusterRole(
      "system:aggregate-to-edit",
      [
        // Read on the resources that let one escalate: exec into pods, read secrets, proxy.
        rule(read, [core], ["pods/attach", "pods/proxy", "pods/exec", "pods/portforward", "secrets", "services/proxy"]),
        rule(["impersonate"], [core], ["serviceaccounts"]),
        rule(write, [core], ["pods", "pods/attach", "pods/proxy", "pods/exec", "pods/portforward"]),
        rule(["create"], [core], ["pods/eviction"]),
        rule(write, [core], [
          "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/proxy",
          "persistentvolumeclaims", "configmaps", "secrets", "events",
        ]),
        rule(["create"], [core], ["serviceaccounts/token"]),
        rule(write, ["apps"], [
          "statefulsets", "statefulsets/scale", "daemonsets", "deployments", "deployments/scale", "deployments/rollback",
          "replicasets", "replicasets/scale",
        ]),
        rule(write, ["autoscaling"], ["horizontalpodautoscalers"]),
        rule(write, ["batch"], ["jobs", "cronjobs"]),
        rule(write, ["extensions"], [
          "daemonsets", "deployments", "deployments/scale", "deployments/rollback", "ingresses", "replicasets",
          "replicasets/scale", "replicationcontrollers/scale", "networkpolicies",
        ]),
        rule(write, ["policy"], ["poddisruptionbudgets"]),
        rule(write, ["networking.k8s.io"], ["networkpolicies", "ingresses"]),
        rule(readWrite, ["coordination.k8s.io"], ["leases"]),
      ],
      { labels: { [aggregateToEdit]: "true" } },
    ),
    clusterRole(
      "system:aggregate-to-view",
      [
        rule(read, [core], [
          "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status",
          "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "configmaps",
        ]),
        rule(read, [core], [
          "limitranges", "resourcequotas", "bindings", "events", "pods/status", "resourcequotas/status", "namespaces/status",
          "replicationcontrollers/status", "pods/log",
        ]),
        // Reading namespaces in a namespace means reading that one namespace: how users find where they may go.
        rule(read, [core], ["namespaces"]),
        rule(read, ["discovery.k8s.io"], ["endpointslices"]),
        rule(read, ["apps"], [
          "controllerrevisions", "statefulsets", "statefulsets/status", "statefulsets/scale", "daemonsets", "daemonsets/status",
          "deployments", "deployments/status", "deployments/scale", "replicasets", "replicasets/status", "replicasets/scale",
        ]),
        rule(read, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
        rule(read, ["batch"], ["jobs", "cronjobs", "cronjobs/status", "jobs/status"]),
        rule(read, ["extensions"], [
          "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses",
          "ingresses/status", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale",
          "networkpolicies",
        ]),
        rule(read, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
        rule(read, ["networking.k8s.io"], ["networkpolicies", "ingresses", "ingresses/status"]),
      ],
      { labels: { [aggregateToView]: "true" } },
    ),
    // kubeclass's own: learners write Roles and RoleBindings in their namespace (the RBAC chapter) without
    // `bind` or `escalate`, so escalation prevention holds; instructors see the cluster-scoped side of a class.
    clusterRole("kubeclass:namespace-rbac", [rule(readWrite, [rbacGroup], ["roles", "rolebindings"])]),
    // Learners explore the shared cluster as the book's first chapters do (`kubectl get nodes`, the storage and
    // ingress classes, the CRDs); namespaces and PersistentVolumes stay hidden, as they name other learners.
    clusterRole("kubeclass:learner", [
      rule(read, [core], ["nodes"]),
      rule(read, ["storage.k8s.io"], ["storageclasses"]),
      rule(read, ["networking.k8s.io"], ["ingressclasses"]),
      rule(read, ["apiextensions.k8s.io"], ["customresourcedefinitions"]),
    ]),
    clusterRole("kubeclass:instructor", [
      rule(read, [core], ["namespaces", "nodes", "persistentvolumes"]),
      rule(read, ["storage.k8s.io"], ["storageclasses"]),
      rule(read, ["networking.k8s.io"], ["ingressclasses"]),
      rule(read, ["apiextensions.k8s.io"], ["customresourcedefinitions"]),
    ]),
    clusterRole("system:heapster", [
      rule(read, [core], ["events", "pods", "nodes", "namespaces"]),
      rule(read, ["extensions"], ["deployments"]),
    ]),
    clusterRole("system:node", [
      rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
      rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews", "localsubjectaccessreviews"]),
      rule(read, [core], ["services"]),
      rule(["create", "get", "list", "watch"], [core], ["nodes"]),
      rule(["update", "patch"], [core], ["nodes/status"]),
      rule(["update", "patch"], [core], ["nodes"]),
      rule(["create", "update", "patch"], [core], ["events"]),
      rule(read, [core], ["pods"]),
      rule(["create", "delete"], [core], ["pods"]),
      rule(["update", "patch"], [core], ["pods/status"]),
      rule(["create"], [core], ["pods/eviction"]),
      rule(read, [core], ["secrets", "configmaps"]),
      rule(["get"], [core], ["persistentvolumeclaims", "persistentvolumes"]),
      rule(["get"], [core], ["endpoints"]),
      rule(["create", "get", "list", "watch"], ["certificates.k8s.io"], ["certificatesigningrequests"]),
      rule(["get", "create", "update", "patch", "delete"], ["coordination.k8s.io"], ["leases"]),
      rule(["get"], ["storage.k8s.io"], ["volumeattachments"]),
      rule(["create"], [core], ["serviceaccounts/token"]),
      rule(["get", "update", "patch"], [core], ["persistentvolumeclaims/status"]),
      rule(read, ["storage.k8s.io"], ["csidrivers"]),
      rule(["get", "create", "update", "patch", "delete"], ["storage.k8s.io"], ["csinodes"]),
      rule(read, ["node.k8s.io"], ["runtimeclasses"]),
    ]),
    clusterRole("system:node-problem-detector", [
      rule(["get"], [core], ["nodes"]),
      rule(["patch"], [core], ["nodes/status"]),
      events,
    ]),
    clusterRole("system:kubelet-api-admin", [
      rule(read, [core], ["nodes"]),
      rule(["proxy"], [core], ["nodes"]),
      rule(["*"], [core], ["nodes/proxy", "nodes/metrics", "nodes/stats", "nodes/log"]),
    ]),
    clusterRole("system:node-bootstrapper", [
      rule(["create", "get", "list", "watch"], ["certificates.k8s.io"], ["certificatesigningrequests"]),
    ]),
    clusterRole("system:auth-delegator", [
      rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
      rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
    ]),
    clusterRole("system:kube-aggregator", [rule(read, [core], ["services", "endpoints"])]),
    clusterRole("system:kube-controller-manager", [
      events,
      rule(["create"], ["coordination.k8s.io"], ["leases"]),
      rule(["get", "update"], ["coordination.k8s.io"], ["leases"], ["kube-controller-manager"]),
      rule(["create"], [core], ["secrets", "serviceaccounts"]),
      rule(["delete"], [core], ["secrets"]),
      rule(["get"], [core], ["namespaces", "secrets", "serviceaccounts", "configmaps"]),
      rule(["update"], [core], ["secrets", "serviceaccounts"]),
      rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
      rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
      rule(["list", "watch"], ["*"], ["*"]),
      rule(["create"], [core], ["serviceaccounts/token"]),
    ]),
    clusterRole("system:kube-dns", [rule(["list", "watch"], [core], ["endpoints", "services"])]),
    clusterRole("system:persistent-volume-provisioner", [
      rule(["get", "list", "watch", "create", "delete"], [core], ["persistentvolumes"]),
      rule(["get", "list", "watch", "update"], [core], ["persistentvolumeclaims"]),
      rule(read, ["storage.k8s.io"], ["storageclasses"]),
      rule(["watch"], [core], ["events"]),
      events,
    ]),
    clusterRole("system:certificates.k8s.io:certificatesigningrequests:nodeclient", [
      rule(["create"], ["certificates.k8s.io"], ["certificatesigningrequests/nodeclient"]),
    ]),
    clusterRole("system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", [
      rule(["create"], ["certificates.k8s.io"], ["certificatesigningrequests/selfnodeclient"]),
    ]),
    clusterRole("system:volume-scheduler", [
      rule(readUpdate, [core], ["persistentvolumes"]),
      rule(read, ["storage.k8s.io"], ["storageclasses"]),
      rule(readUpdate, [core], ["persistentvolumeclaims"]),
    ]),
    approver("legacy-unknown-approver", "kubernetes.io/legacy-unknown"),
    approver("kubelet-serving-approver", "kubernetes.io/kubelet-serving"),
    approver("kube-apiserver-client-approver", "kubernetes.io/kube-apiserver-client"),
    approver("kube-apiserver-client-kubelet-approver", "kubernetes.io/kube-apiserver-client-kubelet"),
    clusterRole("system:service-account-issuer-discovery", [
      urls(["get"], ["/.well-known/openid-configuration", "/openid/v1/jwks"]),
    ]),
    clusterRole("system:node-proxier", [
      rule(["list", "watch"], [core], ["services", "endpoints"]),
      rule(read, [core], ["nodes"]),
      events,
      rule(["list", "watch"], ["discovery.k8s.io"], ["endpointslices"]),
    ]),
    clusterRole("system:kube-scheduler", [
      events,
      rule(["create"], ["coordination.k8s.io"], ["leases"]),
      rule(["get", "update"], ["coordination.k8s.io"], ["leases"], ["kube-scheduler"]),
      rule(read, [core], ["nodes"]),
      rule(["get", "list", "watch", "delete"], [core], ["pods"]),
      rule(["create"], [core], ["pods/binding", "bindings"]),
      rule(["patch", "update"], [core], ["pods/status"]),
      rule(read, [core], ["services", "replicationcontrollers"]),
      rule(read, ["apps", "extensions"], ["replicasets"]),
      rule(read, ["apps"], ["statefulsets"]),
      rule(read, ["policy"], ["poddisruptionbudgets"]),
      rule(read, [core], ["persistentvolumeclaims", "persistentvolumes"]),
      rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]),
      rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"]),
      rule(read, ["storage.k8s.io"], ["csinodes"]),
      rule(read, [core], ["namespaces"]),
      rule(read, ["storage.k8s.io"], ["csidrivers"]),
      rule(read, ["storage.k8s.io"], ["csistoragecapacities"]),
    ]),
  ];
  return roles.sort((a, b) => compareGoStrings(a.metadata?.name ?? "", b.metadata?.name ?? ""));
}

/** The group every platform instructor is in (token-authenticator.ts userInfoFor). */
export const instructorsGroup = "kubeclass:instructors";
/** The group every platform learner is in (token-authenticator.ts userInfoFor). */
export const learnersGroup = "kubeclass:learners";

const group = (name: string): Subject => ({ apiGroup: rbacGroup, kind: "Group", name });
const user = (name: string): Subject => ({ apiGroup: rbacGroup, kind: "User", name });

function clusterRoleBinding(roleName: string, subjects: Subject[]): ClusterRoleBinding {
  return {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: {
      name: roleName,
      labels: { [bootstrappingLabel]: "rbac-defaults" },
      annotations: { [autoUpdateAnnotation]: "true" },
    },
    roleRef: { apiGroup: rbacGroup, kind: "ClusterRole", name: roleName },
    ...(subjects.length > 0 ? { subjects } : {}),
  };
}

export function bootstrapClusterRoleBindings(): ClusterRoleBinding[] {
  return [
    clusterRoleBinding("cluster-admin", [group(systemMasters)]),
    clusterRoleBinding("kubeclass:instructor", [group(instructorsGroup)]),
    clusterRoleBinding("kubeclass:learner", [group(learnersGroup)]),
    clusterRoleBinding("system:monitoring", [group("system:monitoring")]),
    clusterRoleBinding("system:discovery", [group(allAuthenticated)]),
    clusterRoleBinding("system:basic-user", [group(allAuthenticated)]),
    clusterRoleBinding("system:public-info-viewer", [group(allAuthenticated), group(allUnauthenticated)]),
    clusterRoleBinding("system:node-proxier", [user("system:kube-proxy")]),
    clusterRoleBinding("system:kube-controller-manager", [user("system:kube-controller-manager")]),
    clusterRoleBinding("system:kube-dns", [{ kind: "ServiceAccount", name: "kube-dns", namespace: "kube-system" }]),
    clusterRoleBinding("system:kube-scheduler", [user("system:kube-scheduler")]),
    clusterRoleBinding("system:volume-scheduler", [user("system:kube-scheduler")]),
    // Bound to no one: the Node authorizer grants kubelets their access.
    clusterRoleBinding("system:node", []),
    clusterRoleBinding("system:service-account-issuer-discovery", [group(allServiceAccounts)]),
  ].sort((a, b) => compareGoStrings(a.metadata?.name ?? "", b.metadata?.name ?? ""));
}
