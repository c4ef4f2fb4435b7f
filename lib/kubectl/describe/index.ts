import { describeConfigMap, describeLimitRange, describeNamespace, describeResourceQuota, describeSecret, describeServiceAccount } from "./config";
import { describeGeneric } from "./generic";
import { describeEndpoints, describeIngress, describeIngressClass, describeService } from "./network";
import { describeNode } from "./node";
import { describePod } from "./pod";
import { describeRole, describeRoleBinding } from "./rbac";
import type { Describer } from "./source";
import { describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from "./storage";
import { describeDeployment, describeJob, describeReplicaSet, describeStatefulSet } from "./workloads";

export type { DescribeSource, Describer, DescribeOptions } from "./source";

const byGroupKind: Record<string, Describer> = {
  "/Pod": describePod,
  "/Service": describeService,
  "/Node": describeNode,
  "/Namespace": describeNamespace,
  "/ConfigMap": describeConfigMap,
  "/Secret": describeSecret,
  "/ServiceAccount": describeServiceAccount,
  "/Endpoints": describeEndpoints,
  "/ResourceQuota": describeResourceQuota,
  "/LimitRange": describeLimitRange,
  "/PersistentVolumeClaim": describePersistentVolumeClaim,
  "/PersistentVolume": describePersistentVolume,
  "apps/Deployment": describeDeployment,
  "apps/ReplicaSet": describeReplicaSet,
  "apps/StatefulSet": describeStatefulSet,
  "batch/Job": describeJob,
  "networking.k8s.io/Ingress": describeIngress,
  "networking.k8s.io/IngressClass": describeIngressClass,
  "storage.k8s.io/StorageClass": describeStorageClass,
  "rbac.authorization.k8s.io/Role": describeRole,
  "rbac.authorization.k8s.io/ClusterRole": describeRole,
  "rbac.authorization.k8s.io/RoleBinding": describeRoleBinding,
  "rbac.authorization.k8s.io/ClusterRoleBinding": describeRoleBinding,
};

/** The describer kubectl uses for a group and kind; the generic one for the rest. */
export function describerFor(group: string, kind: string): Describer {
  return byGroupKind[`${group}/${kind}`] ?? describeGeneric;
}
