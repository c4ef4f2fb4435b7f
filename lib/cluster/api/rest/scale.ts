import type { KubeObject } from "../../store/object-store";
import { formatLabelSelector, labelSelectorFromObject } from "../selectors/label-selector";
import { badRequest, invalid } from "../status";
import type { Target } from "./target";

/** The autoscaling/v1 Scale view of a workload, as `/scale` serves it (kubectl scale reads and patches it). */
export function toScale(object: KubeObject): KubeObject {
  const spec = (object.spec ?? {}) as { replicas?: number; selector?: unknown };
  const status = (object.status ?? {}) as { replicas?: number };
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  let selector = "";
  try {
    selector = spec.selector ? formatLabelSelector(labelSelectorFromObject(spec.selector)) : "";
  } catch {
    selector = "";
  }
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: spec.replicas ?? 1 },
    status: { replicas: status.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

/** Applies a Scale written by a client back onto the workload: only spec.replicas moves. */
export function applyScale(target: Target, workload: KubeObject, scale: unknown): KubeObject {
  if (typeof scale !== "object" || scale === null) throw badRequest("the body of the request must be a Scale object");
  const replicas = (scale as { spec?: { replicas?: unknown } }).spec?.replicas;
  if (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0) {
    throw invalid("Scale", "autoscaling", target.name, [
      {
        reason: "FieldValueInvalid",
        message: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`,
        field: "spec.replicas",
      },
    ]);
  }
  return { ...workload, spec: { ...(workload.spec as object), replicas } };
}
