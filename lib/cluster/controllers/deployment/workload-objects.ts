import type { Deployment, ReplicaSet } from "kubernetes-types/apps/v1";
import type { OwnerReference } from "kubernetes-types/meta/v1";
import type { Pod } from "kubernetes-types/core/v1";
import type { KubeObject } from "../../store/object-store";

// Typed views of cached objects. The cache holds plain JSON; these casts only name what the API has validated.

export type { Deployment, Pod, ReplicaSet };

export const asPod = (object: KubeObject): Pod => object as unknown as Pod;
export const asReplicaSet = (object: KubeObject): ReplicaSet => object as unknown as ReplicaSet;
export const asDeployment = (object: KubeObject): Deployment => object as unknown as Deployment;
export const toKube = (object: Pod | ReplicaSet | Deployment): KubeObject => object as unknown as KubeObject;

/** spec.replicas; the API defaults it to 1, so a missing value only appears in hand-built test objects. */
export const specReplicas = (object: { spec?: { replicas?: number } }): number => object.spec?.replicas ?? 1;

/** The ownerReference with `controller: true`, if any (metav1.GetControllerOf). */
export function controllerOf(object: { metadata?: object }): OwnerReference | undefined {
  const refs = (object.metadata as { ownerReferences?: unknown } | undefined)?.ownerReferences;
  return Array.isArray(refs) ? (refs as OwnerReference[]).find((ref) => ref?.controller === true) : undefined;
}

/** A controller reference to `owner`, as metav1.NewControllerRef builds it. */
export function controllerRef(owner: { metadata?: { name?: string; uid?: string } }, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata?.name ?? "", uid: owner.metadata?.uid ?? "", controller: true, blockOwnerDeletion: true };
}

export const creationTime = (object: { metadata?: { creationTimestamp?: string } }): number =>
  object.metadata?.creationTimestamp ? Date.parse(object.metadata.creationTimestamp) : 0;

/** Oldest first, then by name (controller.ReplicaSetsByCreationTimestamp). */
export function byCreation<T extends { metadata?: { creationTimestamp?: string; name?: string } }>(a: T, b: T): number {
  return creationTime(a) - creationTime(b) || compareStrings(a.metadata?.name ?? "", b.metadata?.name ?? "");
}

/** Byte order, as Go compares strings (localeCompare would not). */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** RFC 3339 with seconds, as metav1.Time serialises. */
export const timestamp = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, "Z");
