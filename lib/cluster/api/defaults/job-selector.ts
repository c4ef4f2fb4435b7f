import type { KubeObject } from "../../store/object-store";

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : {});

/**
 * What the Job strategy does on create unless `spec.manualSelector` is true: the selector becomes the Job's own
 * uid, and the pod template gets the labels it selects (both the `batch.kubernetes.io/` names and the legacy
 * short ones), so pods of two same-named Jobs can never be confused. Needs the uid, hence after prepareForCreate.
 */
export function generateJobSelector(job: KubeObject): KubeObject {
  const spec = obj(job.spec);
  if (spec.manualSelector === true) return job;
  const uid = job.metadata.uid ?? "";
  const name = job.metadata.name ?? "";
  const template = obj(spec.template);
  const meta = obj(template.metadata);
  const labels = {
    ...obj(meta.labels),
    "batch.kubernetes.io/controller-uid": uid,
    "batch.kubernetes.io/job-name": name,
    "controller-uid": uid,
    "job-name": name,
  };
  return {
    ...job,
    spec: {
      ...spec,
      selector: { matchLabels: { "batch.kubernetes.io/controller-uid": uid } },
      template: { ...template, metadata: { ...meta, labels } },
    },
  };
}
