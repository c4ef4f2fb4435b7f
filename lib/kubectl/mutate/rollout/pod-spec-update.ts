/**
 * `kubectl set image|env|resources`: change the pod spec inside an object (a Pod's own, a workload's template,
 * a CronJob's job template) and send the two-way strategic-merge patch from before to after, as kubectl's
 * CalculatePatches does. An unchanged object sends nothing.
 */
import type { JsonObject } from "../../../cluster/api/patch/json-value";
import { noPatchMeta, patchMetaFor } from "../../../cluster/api/patch/patch-meta";
import type { KubeObject } from "../../client/kube-client";
import { threeWayStrategicPatch } from "../three-way-patch";

export type Container = Record<string, unknown> & { name: string };
export type PodSpec = Record<string, unknown> & { containers?: Container[]; initContainers?: Container[] };

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});

/** The pod spec of an object (mutable, inside it), or undefined for kinds without one. */
export function podSpecOf(object: Obj): PodSpec | undefined {
  const spec = rec(object.spec);
  switch (object.kind) {
    case "Pod":
      return spec;
    case "CronJob":
      return rec(rec(rec(rec(spec.jobTemplate).spec).template).spec);
    case "Deployment":
    case "ReplicaSet":
    case "StatefulSet":
    case "DaemonSet":
    case "Job":
    case "ReplicationController":
      return rec(rec(spec.template).spec);
    default:
      return undefined;
  }
}

/** The changed copy and the patch to send; the patch is `{}` when nothing changed. */
export function updatePodSpec(object: KubeObject, change: (spec: PodSpec) => void): { updated: KubeObject; patch: JsonObject } {
  const updated = structuredClone(object);
  const spec = podSpecOf(updated);
  if (!spec) throw new Error(`${String(object.kind)} is not supported`);
  change(spec);
  const [group = ""] = String(object.apiVersion ?? "").split("/").reverse().slice(1);
  const meta = patchMetaFor(group, String(object.kind)) ?? noPatchMeta;
  const before = object as unknown as JsonObject;
  const patch = threeWayStrategicPatch(before, updated as unknown as JsonObject, before, meta);
  return { updated, patch };
}

/** Containers `-c` selects (a glob; `*` is all), init containers after the others, as kubectl lists them. */
export function selectContainers(spec: PodSpec, selector: string): Container[] {
  const pattern = new RegExp(`^${selector.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return [...(spec.containers ?? []), ...(spec.initContainers ?? [])].filter((c) => pattern.test(c.name));
}
