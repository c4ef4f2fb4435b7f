/**
 * The hooks create and update call where the stored object is prepared: they work out metadata.managedFields
 * for the write, from the object before and after it and from who is writing.
 */
import type { KubeObject } from "../../store/object-store";
import type { JsonObject } from "../patch/json-value";
import { groupVersion, type ResourceType } from "../resources/resource-type";
import { compareObjects, type Comparison } from "./compare-objects";
import { type FieldSet } from "./field-set";
import { decodeManagedFields, encodeManagedFields, isResetMarker, type ManagedEntry } from "./managed-entries";
import { fieldElement, type Path } from "./path-element";
import { schemaForKind } from "./schema-node";
import { toFieldSet } from "./to-field-set";
import { trackUpdate } from "./track-update";

/** Who writes, and through which endpoint ("" the object itself, or "status", "scale", …). */
export type WriteManager = {
  name: string;
  subresource: string;
  /** Set by server-side apply: the entries it computed, stored as they are (no update tracking). */
  applied?: { entries?: readonly ManagedEntry[] };
};

/** Fields no one owns: identity and bookkeeping the server keeps (Kubernetes strips the same). */
const SERVER_FIELDS: readonly Path[] = [
  ["apiVersion"],
  ["kind"],
  ...["name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation", "managedFields", "resourceVersion"].map((f) => [
    "metadata",
    f,
  ]),
].map((path) => path.map(fieldElement));

/**
 * What can be owned through an endpoint: never the server's fields; on the object itself not the status when a
 * status subresource owns it; through /status only the status, through /scale only spec.replicas.
 */
export function ownedThrough(type: ResourceType, subresource: string): (set: FieldSet) => FieldSet {
  if (subresource === "status") return (set) => set.onlySubtree([fieldElement("status")]);
  if (subresource === "scale") return (set) => set.onlySubtree([fieldElement("spec"), fieldElement("replicas")]);
  const statusElsewhere = subresource === "" && type.subresources.some((s) => s.name === "status");
  const ignored = statusElsewhere ? [...SERVER_FIELDS, [fieldElement("status")]] : SERVER_FIELDS;
  return (set) => set.withoutSubtrees(ignored);
}

/**
 * A create: the creator owns everything the object was created with (after defaulting, before the server set
 * its own fields), or, created by server-side apply, exactly what it applied. Valid managedFields the client
 * sent are kept as the starting point, as Kubernetes does.
 */
export function recordCreate(
  type: ResourceType,
  objects: { sent: KubeObject; defaulted: KubeObject; prepared: KubeObject },
  writer: WriteManager,
  time: string,
): KubeObject {
  const owned = ownedThrough(type, "");
  const apiVersion = groupVersion(type);
  if (writer.applied) {
    const fields = owned(toFieldSet(objects.sent as unknown as JsonObject, schemaForKind(type)));
    return withEntries(objects.prepared, [{ manager: writer.name, operation: "Apply", apiVersion, subresource: "", time, fields }]);
  }
  const sent = objects.sent.metadata.managedFields;
  const base = isResetMarker(sent) ? [] : decodeOr(sent, []);
  const changes = filter(compareObjects(undefined, objects.defaulted as unknown as JsonObject, schemaForKind(type)), owned);
  return withEntries(objects.prepared, trackUpdate(base, changes, { manager: writer.name, apiVersion, subresource: "" }, time));
}

/**
 * An update, patch or subresource write: the writer takes what it changed. On the object itself, managedFields
 * the client sent replace the stored ones when they are valid and not empty, and `[{}]` clears them; through
 * a subresource the stored ones always stand.
 */
export function recordUpdate(type: ResourceType, existing: KubeObject, next: KubeObject, writer: WriteManager, time: string): KubeObject {
  if (writer.applied) return withEntries(next, writer.applied.entries ?? []);
  const stored = decodeOr(existing.metadata.managedFields, []);
  const sent = next.metadata.managedFields;
  let base = stored;
  if (writer.subresource === "") {
    const fromClient = isResetMarker(sent) ? [] : decodeOr(sent, undefined);
    base = isResetMarker(sent) ? [] : fromClient && fromClient.length > 0 ? fromClient : stored;
  }
  const owned = ownedThrough(type, writer.subresource);
  const changes = filter(compareObjects(existing as unknown as JsonObject, next as unknown as JsonObject, schemaForKind(type)), owned);
  const writerId = { manager: writer.name, apiVersion: groupVersion(type), subresource: writer.subresource };
  return withEntries(next, trackUpdate(base, changes, writerId, time));
}

/** Stored managedFields as entries; malformed ones count as none (they can only come from an older write). */
export function storedEntries(object: KubeObject): ManagedEntry[] {
  return decodeOr(object.metadata.managedFields, []);
}

function decodeOr<T>(value: unknown, fallback: T): ManagedEntry[] | T {
  try {
    return decodeManagedFields(value);
  } catch {
    return fallback;
  }
}

function filter(changes: Comparison, owned: (set: FieldSet) => FieldSet): Comparison {
  return { added: owned(changes.added), modified: owned(changes.modified), removed: owned(changes.removed) };
}

export function withEntries(object: KubeObject, entries: readonly ManagedEntry[]): KubeObject {
  const encoded = encodeManagedFields(entries);
  const { managedFields: _previous, ...metadata } = object.metadata;
  return { ...object, metadata: encoded.length > 0 ? { ...metadata, managedFields: encoded } : metadata };
}
