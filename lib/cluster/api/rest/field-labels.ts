import type { FieldLabelSet } from "../selectors/field-selector";

const meta = ["metadata.name", "metadata.namespace"];

// The field selectors each resource accepts (Kubernetes' field label conversions, per kind). Resources not
// listed accept only metadata.name and metadata.namespace.
const sets: Record<string, FieldLabelSet> = {
  "/pods": {
    supported: [
      ...meta,
      "spec.nodeName",
      "spec.restartPolicy",
      "spec.schedulerName",
      "spec.serviceAccountName",
      "spec.hostNetwork",
      "status.phase",
      "status.podIP",
      "status.nominatedNodeName",
    ],
    aliases: { "spec.host": "spec.nodeName" },
    defaults: { "spec.hostNetwork": "false" },
  },
  "/events": {
    supported: [
      ...meta,
      "involvedObject.kind",
      "involvedObject.namespace",
      "involvedObject.name",
      "involvedObject.uid",
      "involvedObject.apiVersion",
      "involvedObject.resourceVersion",
      "involvedObject.fieldPath",
      "reason",
      "reportingComponent",
      "source",
      "type",
    ],
  },
  "/secrets": { supported: [...meta, "type"] },
  "/namespaces": { supported: [...meta, "status.phase"] },
  "/nodes": { supported: [...meta, "spec.unschedulable"] },
  "/persistentvolumes": { supported: [...meta, "name"] },
  "apps/replicasets": { supported: [...meta, "status.replicas"] },
  "batch/jobs": { supported: [...meta, "status.successful"] },
  "certificates.k8s.io/certificatesigningrequests": { supported: [...meta, "spec.signerName"] },
};

export function fieldLabelsFor(group: string, resource: string): FieldLabelSet | undefined {
  return sets[`${group}/${resource}`];
}
