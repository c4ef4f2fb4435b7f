import type { KubeObject } from "../../store/object-store";
import { INDEX_ANNOTATION, jobSpec } from "./job-objects";

type Container = { env?: { name: string; value?: string }[] } & Record<string, unknown>;

/**
 * A pod from the Job's template, owned by the Job. Indexed Jobs' pods carry their completion index as an
 * annotation, a label, JOB_COMPLETION_INDEX in every container's environment, and a `<job>-<index>` hostname.
 */
export function podForJob(job: KubeObject, index: number | undefined): KubeObject {
  const template = jobSpec(job).template ?? {};
  const name = job.metadata.name ?? "job";
  const labels = { ...(template.metadata?.labels ?? {}) };
  const annotations = { ...(template.metadata?.annotations ?? {}) };
  const spec = structuredClone(template.spec ?? { containers: [] }) as Record<string, unknown> & { containers?: Container[]; initContainers?: Container[] };
  if (index !== undefined) {
    labels[INDEX_ANNOTATION] = String(index);
    annotations[INDEX_ANNOTATION] = String(index);
    spec.hostname ??= `${name}-${index}`;
    const withIndex = (c: Container): Container => ({ ...c, env: [...(c.env ?? []), { name: "JOB_COMPLETION_INDEX", value: String(index) }] });
    spec.containers = (spec.containers ?? []).map(withIndex);
    if (spec.initContainers) spec.initContainers = spec.initContainers.map(withIndex);
  }
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      generateName: index === undefined ? `${name}-` : `${name}-${index}-`,
      labels,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      ownerReferences: [{ apiVersion: "batch/v1", kind: "Job", name, uid: job.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec,
  };
}
