import { defaultPrinter } from "./default-table";
import { eventPrinter } from "./events";
import { configMapPrinter, namespacePrinter, resourceQuotaPrinter, secretPrinter, serviceAccountPrinter } from "./misc";
import { nodePrinter } from "./nodes";
import { podPrinter } from "./pods";
import { clusterRoleBindingPrinter, roleBindingPrinter } from "./rbac";
import {
  endpointSlicePrinter,
  endpointsPrinter,
  ingressClassPrinter,
  ingressPrinter,
  networkPolicyPrinter,
  servicePrinter,
} from "./services";
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from "./storage";
import { erasePrinter, type Printer } from "./types";
import {
  cronJobPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  jobPrinter,
  replicaSetPrinter,
  statefulSetPrinter,
} from "./workloads";

/** Built-in printers as printers.go registers them: [group, resource, kind, printer]. */
const entries: [string, string, string, Printer][] = [
  ["", "pods", "Pod", erasePrinter(podPrinter)],
  ["", "services", "Service", erasePrinter(servicePrinter)],
  ["", "endpoints", "Endpoints", erasePrinter(endpointsPrinter)],
  ["", "namespaces", "Namespace", erasePrinter(namespacePrinter)],
  ["", "nodes", "Node", erasePrinter(nodePrinter)],
  ["", "configmaps", "ConfigMap", erasePrinter(configMapPrinter)],
  ["", "secrets", "Secret", erasePrinter(secretPrinter)],
  ["", "serviceaccounts", "ServiceAccount", erasePrinter(serviceAccountPrinter)],
  ["", "persistentvolumes", "PersistentVolume", erasePrinter(persistentVolumePrinter)],
  ["", "persistentvolumeclaims", "PersistentVolumeClaim", erasePrinter(persistentVolumeClaimPrinter)],
  ["", "resourcequotas", "ResourceQuota", erasePrinter(resourceQuotaPrinter)],
  ["", "events", "Event", erasePrinter(eventPrinter)],
  ["apps", "deployments", "Deployment", erasePrinter(deploymentPrinter)],
  ["apps", "replicasets", "ReplicaSet", erasePrinter(replicaSetPrinter)],
  ["apps", "statefulsets", "StatefulSet", erasePrinter(statefulSetPrinter)],
  ["apps", "daemonsets", "DaemonSet", erasePrinter(daemonSetPrinter)],
  ["batch", "jobs", "Job", erasePrinter(jobPrinter)],
  ["batch", "cronjobs", "CronJob", erasePrinter(cronJobPrinter)],
  ["networking.k8s.io", "ingresses", "Ingress", erasePrinter(ingressPrinter)],
  ["networking.k8s.io", "ingressclasses", "IngressClass", erasePrinter(ingressClassPrinter)],
  ["networking.k8s.io", "networkpolicies", "NetworkPolicy", erasePrinter(networkPolicyPrinter)],
  ["discovery.k8s.io", "endpointslices", "EndpointSlice", erasePrinter(endpointSlicePrinter)],
  ["storage.k8s.io", "storageclasses", "StorageClass", erasePrinter(storageClassPrinter)],
  ["rbac.authorization.k8s.io", "rolebindings", "RoleBinding", erasePrinter(roleBindingPrinter)],
  ["rbac.authorization.k8s.io", "clusterrolebindings", "ClusterRoleBinding", erasePrinter(clusterRoleBindingPrinter)],
];

const byResource = new Map(entries.map(([group, resource, , printer]) => [`${group}/${resource}`, printer]));
const byKind = new Map(entries.map(([group, , kind, printer]) => [`${group}/${kind}`, printer]));

/** Names a built-in resource either way: by group + plural resource, or by group + kind. */
export type PrinterTarget = { group?: string; resource: string } | { group?: string; kind: string };

function lookup(target: PrinterTarget): Printer | undefined {
  const group = target.group ?? "";
  return "resource" in target ? byResource.get(`${group}/${target.resource}`) : byKind.get(`${group}/${target.kind}`);
}

/** The printer for a built-in resource, or the default NAME / CREATED AT printer. */
export function printerFor(target: PrinterTarget): Printer {
  return lookup(target) ?? defaultPrinter;
}

/** Whether a built-in resource has its own printer (false: it gets the default table). */
export function hasPrinter(target: PrinterTarget): boolean {
  return lookup(target) !== undefined;
}
