import type { KubeObject } from "@/lib/cluster/store/object-store";

/** Who and what a learner namespace is for: the inputs every object of it is derived from. */
export type LearnerNamespaceSpec = {
  namespace: string;
  classroomSlug: string;
  learner: { id: string; email: string };
  /** The classroom's instructors (owner and co-instructors), by the e-mail that is their cluster username. */
  instructorEmails: readonly string[];
};

export const classroomLabel = "kubeclass.io/classroom";
export const learnerLabel = "kubeclass.io/learner";
const managedBy = { "app.kubernetes.io/managed-by": "kubeclass" };

/** The platform's own objects in a learner namespace: a reset keeps them, provisioning restores them. */
export const learnerObjectNames = {
  editBinding: "learner-edit",
  rbacBinding: "learner-rbac",
  instructorsBinding: "instructors-admin",
  quota: "learner-quota",
  limitRange: "learner-limits",
  serviceAccount: "default",
} as const;

/** The ClusterRole that lets a learner write Roles and RoleBindings (bootstrap-roles.ts); bind/escalate are not in it. */
export const namespaceRbacClusterRole = "kubeclass:namespace-rbac";

const rbacGroup = "rbac.authorization.k8s.io";

/**
 * Roomy enough that nothing in *The Kubernetes Book* trips it by accident (a Deployment of 10 with a surge of 1
 * during rolling updates, a StatefulSet of 3 with a claim each, a LoadBalancer and a few NodePorts, leftovers of
 * earlier chapters), tight enough to stop a runaway loop from filling the shared cluster. Pods are the real cap;
 * the cpu/memory totals leave room for ~30 containers at the LimitRange defaults (limits.cpu 16 = 32 × 500m),
 * so they never bite before `pods` does. Every name here has a quota evaluator (quota-evaluators.ts).
 */
export const learnerQuotaHard: Readonly<Record<string, string>> = {
  pods: "30",
  "requests.cpu": "4",
  "requests.memory": "8Gi",
  "limits.cpu": "16",
  "limits.memory": "16Gi",
  persistentvolumeclaims: "10",
  "requests.storage": "20Gi",
  services: "20",
  "services.nodeports": "10",
  "services.loadbalancers": "3",
  configmaps: "50",
  secrets: "50",
  "count/deployments.apps": "20",
  // Every rollout keeps an old ReplicaSet (revisionHistoryLimit 10 per Deployment).
  "count/replicasets.apps": "200",
  "count/statefulsets.apps": "10",
  "count/jobs.batch": "20",
  "count/cronjobs.batch": "10",
  "count/ingresses.networking.k8s.io": "10",
};

/** Defaults for containers that name no resources (the book's manifests mostly don't), and a ceiling. */
export const learnerContainerLimits = {
  default: { cpu: "500m", memory: "256Mi" },
  defaultRequest: { cpu: "100m", memory: "64Mi" },
  max: { cpu: "2", memory: "2Gi" },
} as const;

const user = (email: string) => ({ apiGroup: rbacGroup, kind: "User", name: email });

function roleBinding(spec: LearnerNamespaceSpec, name: string, clusterRole: string, emails: readonly string[]): KubeObject {
  return {
    apiVersion: `${rbacGroup}/v1`,
    kind: "RoleBinding",
    metadata: { name, namespace: spec.namespace, labels: { ...managedBy } },
    roleRef: { apiGroup: rbacGroup, kind: "ClusterRole", name: clusterRole },
    subjects: emails.map(user),
  };
}

export function learnerNamespaceObject(spec: LearnerNamespaceSpec): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: spec.namespace,
      labels: { ...managedBy, [classroomLabel]: spec.classroomSlug, [learnerLabel]: spec.learner.id },
    },
  };
}

/** The instructors' `admin` binding: the one object that changes when a co-instructor is added. */
export function instructorsBinding(spec: LearnerNamespaceSpec): KubeObject {
  const emails = [...new Set(spec.instructorEmails)].sort();
  return roleBinding(spec, learnerObjectNames.instructorsBinding, "admin", emails);
}

/**
 * What goes inside the namespace once it exists: the learner's `edit` and RBAC-writing bindings (escalation rules
 * still apply: they can grant only what they hold), the instructors' `admin` binding, the quota and the LimitRange.
 * The learner cannot change the last two (`edit` does not write quotas or LimitRanges).
 */
export function learnerNamespaceContents(spec: LearnerNamespaceSpec): KubeObject[] {
  const namespace = spec.namespace;
  return [
    roleBinding(spec, learnerObjectNames.editBinding, "edit", [spec.learner.email]),
    roleBinding(spec, learnerObjectNames.rbacBinding, namespaceRbacClusterRole, [spec.learner.email]),
    instructorsBinding(spec),
    {
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: { name: learnerObjectNames.quota, namespace, labels: { ...managedBy } },
      spec: { hard: { ...learnerQuotaHard } },
    },
    {
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: { name: learnerObjectNames.limitRange, namespace, labels: { ...managedBy } },
      spec: {
        limits: [
          {
            type: "Container",
            default: { ...learnerContainerLimits.default },
            defaultRequest: { ...learnerContainerLimits.defaultRequest },
            max: { ...learnerContainerLimits.max },
          },
        ],
      },
    },
  ];
}
