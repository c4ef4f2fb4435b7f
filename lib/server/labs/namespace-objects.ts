import type { KubeObject } from "@/lib/labs/lab-cluster";
import type { PlatformUser } from "../auth/platform-user";
import { requireLearnerNamespace } from "./assignment-access";
import { labClusterFor } from "./lab-cluster-for";
import type { LabsDeps } from "./labs-deps";
import { objectStatus } from "./object-status";

export type NamespaceObjectRow = { kind: string; name: string; status: string };
export type NamespaceObjectsView = { namespace: string; objects: NamespaceObjectRow[] };

// The kinds the book's labs create, in the order a learner thinks of them (workloads first).
const kinds: [apiVersion: string, kind: string][] = [
  ["apps/v1", "Deployment"],
  ["apps/v1", "StatefulSet"],
  ["apps/v1", "DaemonSet"],
  ["apps/v1", "ReplicaSet"],
  ["v1", "Pod"],
  ["batch/v1", "Job"],
  ["v1", "Service"],
  ["networking.k8s.io/v1", "Ingress"],
  ["v1", "ConfigMap"],
  ["v1", "Secret"],
  ["v1", "PersistentVolumeClaim"],
  ["v1", "ServiceAccount"],
  ["rbac.authorization.k8s.io/v1", "Role"],
  ["rbac.authorization.k8s.io/v1", "RoleBinding"],
];

// Objects every namespace gets by itself, and the platform's own (its RoleBindings, labelled managed-by
// kubeclass): listing them would only be noise next to the learner's own.
const noise = (kind: string, item: KubeObject) =>
  item.metadata?.labels?.["app.kubernetes.io/managed-by"] === "kubeclass" ||
  (kind === "ServiceAccount" && item.metadata?.name === "default") ||
  (kind === "ConfigMap" && item.metadata?.name === "kube-root-ca.crt");

/** The signed-in learner's namespace as a list of kind/name/status rows, read the way the checker reads it. */
export async function namespaceObjects(deps: LabsDeps, actor: PlatformUser): Promise<NamespaceObjectsView> {
  const namespace = await requireLearnerNamespace(deps.prisma, actor);
  const cluster = labClusterFor(deps.api, deps.prisma, { userId: actor.id, namespace }, deps.now);
  const lists = await Promise.all(
    kinds.map(async ([apiVersion, kind]) =>
      (await cluster.list(apiVersion, kind))
        .filter((item) => !noise(kind, item))
        .map((item) => ({ kind, name: item.metadata?.name ?? "", status: objectStatus({ ...item, kind }) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    ),
  );
  const objects = lists.flat();
  return { namespace, objects };
}
