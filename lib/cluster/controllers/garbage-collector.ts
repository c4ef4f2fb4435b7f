import { ApiError } from "../api/status";
import type { KubeObject } from "../store/object-store";
import type { Cache, Controller, ReconcileContext, ServedResource, WatchSpec } from "./runtime/controller";
import { keyOf, resourceName, resources, splitKey, type ResourceId } from "./runtime/resource-id";

/**
 * The resources whose ownerReferences the collector follows. Kubernetes' collector follows every resource
 * through discovery; here the informers are fixed at start, so it follows the kinds controllers create and
 * users commonly chain (documented in README under "Garbage collection").
 */
export const collectedResources: ResourceId[] = [
  resources.pods,
  resources.replicasets,
  resources.deployments,
  resources.statefulsets,
  resources.daemonsets,
  resources.controllerrevisions,
  resources.jobs,
  resources.cronjobs,
  resources.services,
  resources.endpointslices,
  resources.endpoints,
  resources.configmaps,
  resources.secrets,
  resources.persistentvolumeclaims,
];

type OwnerReference = { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean };

const byName = new Map(collectedResources.map((r) => [resourceName(r), r]));

/** Work keys name the resource too, since one collector handles them all: `replicasets.apps|ns/name`. */
const gcKey = (resource: ResourceId, object: KubeObject) => `${resourceName(resource)}|${keyOf(object)}`;

function dependentsOf(cache: Cache, uid: string): { resource: ResourceId; object: KubeObject }[] {
  return collectedResources.flatMap((resource) => cache.ownedBy(resource, uid).map((object) => ({ resource, object })));
}

function watchFor(resource: ResourceId): WatchSpec {
  return {
    resource,
    keys: (event, cache) => {
      // Only objects a pass could act on get one: with owners, or being deleted with the orphan or foreground
      // finalizer. For any other object (a bare pod, an Event's pod) the pass would do nothing, and at
      // hundreds of pod changes a second those no-op passes were most of the work queue's traffic.
      const keys = event.type !== "DELETED" && mayAct(event.object) ? [gcKey(resource, event.object)] : [];
      // An owner that changed (deleted, or marked with foreground/orphan finalizers) wakes its dependents.
      const uid = event.object.metadata.uid;
      if (typeof uid === "string" && (event.type === "DELETED" || event.object.metadata.deletionTimestamp)) {
        for (const dependent of dependentsOf(cache, uid)) keys.push(gcKey(dependent.resource, dependent.object));
      }
      // A dependent that changed wakes owners waiting for it in foreground deletion (an owner not in deletion
      // has its own changes to wake it, and one not in the cache has nothing to do).
      for (const ref of ownerRefs(event.object)) {
        const owner = ownerResource(ref);
        if (owner && cache.get(owner, event.object.metadata.namespace ?? "", ref.name)?.metadata.deletionTimestamp) {
          keys.push(`${resourceName(owner)}|${keyOf({ metadata: { namespace: event.object.metadata.namespace ?? "", name: ref.name } })}`);
        }
      }
      return keys;
    },
  };
}

/**
 * The garbage collector: deletes objects whose owners are all gone (background propagation), finishes
 * foreground deletions (dependents first, then the owner's `foregroundDeletion` finalizer) and orphaning
 * (dependents lose the ownerReference, then the owner's `orphan` finalizer goes).
 */
export const garbageCollector: Controller = {
  name: "garbage-collector",
  username: "system:serviceaccount:kube-system:generic-garbage-collector",
  component: "garbage-collector-controller",
  watches: collectedResources.map(watchFor),
  async reconcile(ctx, key) {
    const [name, objectKey] = key.split("|") as [string, string];
    const resource = byName.get(name);
    if (!resource || objectKey === undefined) return;
    const { namespace, name: objectName } = splitKey(objectKey);
    const object = ctx.cache.get(resource, namespace, objectName);
    if (!object) return;
    const finalizers = (object.metadata.finalizers as string[] | undefined) ?? [];
    if (object.metadata.deletionTimestamp && finalizers.includes("orphan")) return orphanDependents(ctx, resource, object);
    if (object.metadata.deletionTimestamp && finalizers.includes("foregroundDeletion")) return deleteDependentsFirst(ctx, resource, object);
    await collectIfOrphaned(ctx, resource, object);
  },
};

async function orphanDependents(ctx: ReconcileContext, resource: ResourceId, owner: KubeObject): Promise<void> {
  const uid = owner.metadata.uid ?? "";
  for (const { resource: dependentResource, object } of dependentsOf(ctx.cache, uid)) {
    const remaining = ownerRefs(object).filter((ref) => ref.uid !== uid);
    await ctx.client.patch(dependentResource, object.metadata.namespace ?? "", object.metadata.name ?? "", {
      metadata: { ownerReferences: remaining.length > 0 ? remaining : null, resourceVersion: object.metadata.resourceVersion },
    });
  }
  await removeFinalizer(ctx, resource, owner, "orphan");
}

async function deleteDependentsFirst(ctx: ReconcileContext, resource: ResourceId, owner: KubeObject): Promise<void> {
  const dependents = dependentsOf(ctx.cache, owner.metadata.uid ?? "");
  for (const { resource: dependentResource, object } of dependents) {
    if (!object.metadata.deletionTimestamp) await ctx.client.delete(dependentResource, object, { propagationPolicy: "Foreground" });
  }
  // Dependents still terminating keep the owner waiting; their changes wake this key again.
  if (dependents.length === 0) await removeFinalizer(ctx, resource, owner, "foregroundDeletion");
}

async function collectIfOrphaned(ctx: ReconcileContext, resource: ResourceId, object: KubeObject): Promise<void> {
  const refs = ownerRefs(object);
  if (refs.length === 0 || object.metadata.deletionTimestamp) return;
  const namespace = object.metadata.namespace ?? "";
  const absent: OwnerReference[] = [];
  for (const ref of refs) {
    if (await ownerExists(ctx, ref, namespace)) continue;
    absent.push(ref);
  }
  if (absent.length === 0) return;
  if (absent.length === refs.length) {
    await ctx.client.delete(resource, object, { propagationPolicy: "Background" });
    return;
  }
  const remaining = refs.filter((ref) => !absent.includes(ref));
  await ctx.client.patch(resource, namespace, object.metadata.name ?? "", { metadata: { ownerReferences: remaining, resourceVersion: object.metadata.resourceVersion } });
}

/** The cache may lag, and deleting a live object's dependents is not undoable: absence is confirmed live. */
async function ownerExists(ctx: ReconcileContext, ref: OwnerReference, dependentNamespace: string): Promise<boolean> {
  const type = servedKind(ctx.discovery(), ref);
  if (!type) return false;
  const namespace = type.namespaced ? dependentNamespace : "";
  const cached = byName.has(resourceName(type)) ? ctx.cache.get(type, namespace, ref.name) : undefined;
  if (cached?.metadata.uid === ref.uid) return true;
  try {
    const live = await ctx.client.get(type, namespace, ref.name);
    return live.metadata.uid === ref.uid;
  } catch (error) {
    if (error instanceof ApiError && error.code === 404) return false;
    throw error;
  }
}

async function removeFinalizer(ctx: ReconcileContext, resource: ResourceId, object: KubeObject, finalizer: string): Promise<void> {
  const finalizers = ((object.metadata.finalizers as string[] | undefined) ?? []).filter((f) => f !== finalizer);
  await ctx.client.patch(resource, object.metadata.namespace ?? "", object.metadata.name ?? "", {
    metadata: { finalizers: finalizers.length > 0 ? finalizers : null, resourceVersion: object.metadata.resourceVersion },
  });
}

/** Whether a pass over this object could change anything (see reconcile): the keys filter no-op passes out. */
function mayAct(object: KubeObject): boolean {
  const finalizers = (object.metadata.finalizers as string[] | undefined) ?? [];
  if (object.metadata.deletionTimestamp) return finalizers.includes("orphan") || finalizers.includes("foregroundDeletion");
  return ownerRefs(object).length > 0;
}

function ownerRefs(object: KubeObject): OwnerReference[] {
  const refs = object.metadata.ownerReferences;
  return Array.isArray(refs) ? (refs as OwnerReference[]).filter((r) => typeof r?.uid === "string" && typeof r.name === "string") : [];
}

function servedKind(served: ServedResource[], ref: OwnerReference): ServedResource | undefined {
  const [group, version] = ref.apiVersion.includes("/") ? ref.apiVersion.split("/") : ["", ref.apiVersion];
  return served.find((s) => s.kind === ref.kind && s.group === group && s.version === version) ?? served.find((s) => s.kind === ref.kind && s.group === group);
}

function ownerResource(ref: OwnerReference): ResourceId | undefined {
  return collectedResources.find((r) => {
    const group = ref.apiVersion.includes("/") ? ref.apiVersion.split("/")[0] : "";
    return r.group === group && kindOfPlural[r.plural] === ref.kind;
  });
}

const kindOfPlural: Record<string, string> = {
  pods: "Pod",
  replicasets: "ReplicaSet",
  deployments: "Deployment",
  statefulsets: "StatefulSet",
  daemonsets: "DaemonSet",
  controllerrevisions: "ControllerRevision",
  jobs: "Job",
  cronjobs: "CronJob",
  services: "Service",
  endpointslices: "EndpointSlice",
  endpoints: "Endpoints",
  configmaps: "ConfigMap",
  secrets: "Secret",
  persistentvolumeclaims: "PersistentVolumeClaim",
};
