import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import { groupVersion } from "@/lib/cluster/api/resources/resource-type";
import type { KubeObject } from "@/lib/cluster/store/object-store";
import { platformUser, type ClusterApi } from "../apiserver/cluster-api";
import { isApiError } from "../classrooms/converge-object";

export type SetupOutcome = { kind: string; name: string; action: "created" | "replaced" | "unchanged" | "kept" };

// What a step's setup decides; the server fills in metadata and status, so comparing those would always differ.
const serverOwned = new Set(["metadata", "status", "apiVersion", "kind"]);

/** Everything `wanted` says is in `found` (the server may have added defaults around it). */
function contains(found: unknown, wanted: unknown): boolean {
  if (Array.isArray(wanted)) return Array.isArray(found) && found.length === wanted.length && wanted.every((w, i) => contains(found[i], w));
  if (wanted !== null && typeof wanted === "object") {
    if (found === null || typeof found !== "object" || Array.isArray(found)) return false;
    return Object.entries(wanted).every(([k, w]) => contains((found as Record<string, unknown>)[k], w));
  }
  return found === wanted;
}

function differs(current: KubeObject, desired: KubeObject): boolean {
  const labels = (current.metadata.labels ?? {}) as Record<string, string>;
  const wanted = Object.entries((desired.metadata.labels ?? {}) as Record<string, string>);
  if (wanted.some(([k, v]) => labels[k] !== v)) return true;
  return Object.keys(desired).some((field) => !serverOwned.has(field) && !contains(current[field], desired[field]));
}

/**
 * Puts a step's setup objects into the learner's namespace through the API as the platform, so validation,
 * admission and the controllers see them like any other write. The namespace is always `namespace`: a setup
 * object naming another (the loader refuses that already) or a cluster-scoped kind is an error, never a write
 * elsewhere. With `replace`, an existing object that differs from the setup is put back as the step wants it
 * (the step's first open); without it, existing objects are kept (a reopen must not undo the learner's fix),
 * and only missing ones are created. Either way a second run changes nothing.
 */
export async function applyStepSetup(api: ClusterApi, namespace: string, objects: readonly Record<string, unknown>[], options: { replace: boolean }): Promise<SetupOutcome[]> {
  const client = new InProcessClient((request) => api.serve(request), platformUser, "kubeclass-lab-setup");
  const outcomes: SetupOutcome[] = [];
  for (const raw of objects) {
    const object = raw as KubeObject;
    const kind = object.kind ?? "";
    const type = api.ctx.registry.forKind(object.apiVersion ?? "", kind);
    if (!type) throw new Error(`setup object ${kind} ${object.metadata.name ?? ""}: the cluster does not know ${object.apiVersion}/${kind}`);
    if (!type.namespaced) throw new Error(`setup object ${kind} ${object.metadata.name ?? ""} is cluster-scoped; setup writes only into the learner's namespace`);
    if (object.metadata.namespace !== undefined && object.metadata.namespace !== namespace) {
      throw new Error(`setup object ${kind} ${object.metadata.name ?? ""} names namespace ${String(object.metadata.namespace)}; setup writes only into the learner's namespace`);
    }
    const desired: KubeObject = { ...object, metadata: { ...object.metadata, namespace } };
    const collection = InProcessClient.path(groupVersion(type), type.plural, namespace);
    const name = desired.metadata.name;
    if (!name) {
      // A generated name cannot be found again, so such an object is made once, on the step's first open.
      if (options.replace) await client.create(collection, desired);
      outcomes.push({ kind, name: typeof desired.metadata.generateName === "string" ? desired.metadata.generateName : "", action: options.replace ? "created" : "kept" });
      continue;
    }
    outcomes.push({ kind, name, action: await createOrReplace(client, collection, desired, options.replace) });
  }
  return outcomes;
}

async function createOrReplace(client: InProcessClient, collection: string, desired: KubeObject, replace: boolean): Promise<SetupOutcome["action"]> {
  const path = `${collection}/${encodeURIComponent(desired.metadata.name ?? "")}`;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      await client.create(collection, desired);
      return "created";
    } catch (error) {
      if (!isApiError(error, 409)) throw error;
    }
    if (!replace) return "kept";
    try {
      const current = await client.get(path);
      if (!differs(current, desired)) return "unchanged";
      const labels = { ...(current.metadata.labels ?? {}), ...(desired.metadata.labels ?? {}) };
      await client.update(path, { ...desired, metadata: { ...current.metadata, ...desired.metadata, labels, resourceVersion: current.metadata.resourceVersion } });
      return "replaced";
    } catch (error) {
      // Changed or deleted between our read and write (a controller, the learner): go round again.
      if (isApiError(error, 409) || isApiError(error, 404)) continue;
      throw error;
    }
  }
  throw new Error(`${path} kept changing while the step's setup was applied`);
}
