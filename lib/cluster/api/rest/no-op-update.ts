/**
 * Whether an update would store what is already stored. kube-apiserver resets managedFields timestamps when
 * they are the only change (the same manager and operation writing again), then skips writing identical
 * bytes; resourceVersion is the store's to set, so it is not compared either.
 */
import type { KubeObject } from "../../store/object-store";
import { deepEqual } from "./deep-equal";

export function isNoOpUpdate(existing: KubeObject, next: KubeObject): boolean {
  return deepEqual(comparable(existing), comparable(next));
}

function comparable(object: KubeObject): KubeObject {
  const { resourceVersion: _resourceVersion, managedFields, ...metadata } = object.metadata;
  const entries = Array.isArray(managedFields) ? managedFields.map(withoutTime) : managedFields;
  return { ...object, metadata: { ...metadata, ...(entries !== undefined ? { managedFields: entries } : {}) } };
}

function withoutTime(entry: unknown): unknown {
  if (entry === null || typeof entry !== "object") return entry;
  const { time: _time, ...rest } = entry as Record<string, unknown>;
  return rest;
}
