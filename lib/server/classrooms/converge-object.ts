import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import { deepEqual } from "@/lib/cluster/api/rest/deep-equal";
import { ApiError } from "@/lib/cluster/api/status";
import type { KubeObject } from "@/lib/cluster/store/object-store";

const plurals: Record<string, string> = {
  Namespace: "namespaces",
  RoleBinding: "rolebindings",
  ResourceQuota: "resourcequotas",
  LimitRange: "limitranges",
  ServiceAccount: "serviceaccounts",
};

/** The API path of one of the platform's objects (only the kinds it writes into learner namespaces). */
export function objectPath(object: KubeObject): string {
  const plural = plurals[object.kind ?? ""];
  if (!plural || !object.apiVersion) throw new Error(`no path known for kind ${object.kind}`);
  return InProcessClient.path(object.apiVersion, plural, object.metadata.namespace, object.metadata.name);
}

export const isApiError = (error: unknown, code: number): error is ApiError => error instanceof ApiError && error.code === code;

/** The fields the platform decides (everything but metadata, plus its labels); anything else may differ. */
function drifted(current: KubeObject, desired: KubeObject): boolean {
  const labels = (current.metadata.labels ?? {}) as Record<string, string>;
  const wantedLabels = Object.entries((desired.metadata.labels ?? {}) as Record<string, string>);
  if (wantedLabels.some(([k, v]) => labels[k] !== v)) return true;
  return Object.keys(desired).some((field) => field !== "metadata" && field !== "apiVersion" && field !== "kind" && !deepEqual(current[field], desired[field]));
}

/**
 * Makes one object as the platform wants it. The fast path is a single create; only when it exists already (a
 * rejoin, a resumed provisioning, a reset) is it read and, if a learner or an older release changed it, put
 * back: updated in place, or deleted and recreated when its roleRef (immutable) differs.
 */
export async function convergeObject(cluster: InProcessClient, desired: KubeObject): Promise<"created" | "unchanged" | "updated"> {
  const path = objectPath(desired);
  const collection = path.slice(0, path.lastIndexOf("/"));
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      await cluster.create(collection, desired);
      return "created";
    } catch (error) {
      if (!isApiError(error, 409)) throw error;
    }
    try {
      const current = await cluster.get(path);
      if (!drifted(current, desired)) return "unchanged";
      if (desired.roleRef !== undefined && !deepEqual(current.roleRef, desired.roleRef)) {
        await cluster.delete(path, { body: { preconditions: { uid: current.metadata.uid } } });
        continue;
      }
      const labels = { ...(current.metadata.labels ?? {}), ...(desired.metadata.labels ?? {}) };
      await cluster.update(path, { ...current, ...desired, metadata: { ...current.metadata, labels } });
      return "updated";
    } catch (error) {
      // Changed or deleted between our read and write (another join, the learner): go round again.
      if (isApiError(error, 409) || isApiError(error, 404)) continue;
      throw error;
    }
  }
  throw new Error(`${objectPath(desired)} kept changing while the platform restored it`);
}
