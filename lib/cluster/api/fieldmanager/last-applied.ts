/**
 * The bridge from client-side to server-side apply that Kubernetes builds for kubectl (only for the field
 * manager "kubectl"): conflicts on fields whose live value is still what the last client-side apply set are
 * not conflicts, and a server-side apply keeps an existing last-applied-configuration annotation current, so
 * either kind of apply can follow the other.
 */
import { isJsonObject, type JsonObject, type JsonValue } from "../patch/json-value";
import { compareObjects } from "./compare-objects";
import { FieldSet } from "./field-set";
import { canonicalJson } from "./path-element";
import type { SchemaNode } from "./schema-node";
import { toFieldSet } from "./to-field-set";

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** Only kubectl's own server-side apply gets the migration help, as in Kubernetes. */
export const MIGRATING_MANAGER = "kubectl";

/**
 * The fields the last client-side apply set that still hold the values it set: an apply may take these over
 * without a conflict. Empty when there is no usable annotation.
 */
export function fieldsStillAsLastApplied(live: JsonObject, apiVersion: string, schema: SchemaNode): FieldSet {
  const text = annotationsOf(live)[LAST_APPLIED];
  if (typeof text !== "string" || text === "") return new FieldSet();
  let lastApplied: JsonValue;
  try {
    lastApplied = JSON.parse(text) as JsonValue;
    if (!isJsonObject(lastApplied) || lastApplied.apiVersion !== apiVersion) return new FieldSet();
    const set = toFieldSet(lastApplied, schema, false);
    const changes = compareObjects(lastApplied, live, schema);
    return set.difference(changes.modified).difference(changes.added).difference(changes.removed);
  } catch {
    return new FieldSet();
  }
}

/** After kubectl's server-side apply: an annotation that exists is rewritten to the configuration just applied. */
export function refreshLastApplied(object: JsonObject, config: JsonObject): JsonObject {
  const annotations = annotationsOf(object);
  if (!Object.hasOwn(annotations, LAST_APPLIED)) return object;
  const metadata = isJsonObject(config.metadata ?? null) ? (config.metadata as JsonObject) : {};
  const configAnnotations = { ...annotationsOf(config) };
  delete configAnnotations[LAST_APPLIED];
  const { annotations: _dropped, ...restOfMetadata } = metadata;
  const recorded: JsonObject = {
    ...config,
    metadata: Object.keys(configAnnotations).length > 0 ? { ...restOfMetadata, annotations: configAnnotations } : restOfMetadata,
  };
  // Go encodes the configuration as a map: keys sorted, then a newline.
  const value = `${canonicalJson(recorded)}\n`;
  const meta = object.metadata as JsonObject;
  return { ...object, metadata: { ...meta, annotations: { ...annotations, [LAST_APPLIED]: value } } };
}

function annotationsOf(object: JsonObject): JsonObject {
  const metadata = object.metadata;
  if (!isJsonObject(metadata ?? null)) return {};
  const annotations = (metadata as JsonObject).annotations;
  return isJsonObject(annotations ?? null) ? (annotations as JsonObject) : {};
}
