/**
 * `metadata.managedFields` as values: one entry per manager identity — name, operation, subresource, and for
 * updates the apiVersion (an applier keeps one entry whatever version it applies with) — each with the field
 * set it owns.
 */
import { isJsonObject, type JsonObject, type JsonValue } from "../patch/json-value";
import { FieldSet } from "./field-set";
import { decodeFieldsV1, encodeFieldsV1 } from "./fields-v1";
import { byCodePoint } from "./path-element";

export type Operation = "Apply" | "Update";

export type ManagedEntry = {
  manager: string;
  operation: Operation;
  apiVersion: string;
  subresource: string;
  /** RFC 3339, seconds; absent when a client sent an entry without one. */
  time?: string;
  fields: FieldSet;
};

export type ManagerIdentity = Pick<ManagedEntry, "manager" | "operation" | "apiVersion" | "subresource">;

export function sameIdentity(a: ManagerIdentity, b: ManagerIdentity): boolean {
  return (
    a.manager === b.manager &&
    a.operation === b.operation &&
    a.subresource === b.subresource &&
    (a.operation === "Apply" || a.apiVersion === b.apiVersion)
  );
}

/** Kubernetes' explicit reset: a list holding one empty entry (an empty list alone does not reset). */
export function isResetMarker(value: unknown): boolean {
  return Array.isArray(value) && value.length === 1 && isJsonObject(value[0] as JsonValue) && Object.keys(value[0] as object).length === 0;
}

/** Reads managedFields; throws on anything malformed (unknown operation, fieldsType, bad fieldsV1, repeats). */
export function decodeManagedFields(value: unknown): ManagedEntry[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error("managedFields must be a list");
  const entries: ManagedEntry[] = [];
  for (const raw of value as unknown[]) {
    if (!isJsonObject(raw)) throw new Error("a managedFields entry must be an object");
    const entry = raw;
    const { manager = "", operation, apiVersion = "", subresource = "", time, fieldsType } = entry;
    if (typeof manager !== "string" || typeof apiVersion !== "string" || typeof subresource !== "string") {
      throw new Error("manager, apiVersion and subresource must be strings");
    }
    if (operation !== "Apply" && operation !== "Update") throw new Error("operation must be `Apply` or `Update`");
    if (fieldsType !== undefined && fieldsType !== "FieldsV1") throw new Error("fieldsType must be `FieldsV1`");
    const decoded: ManagedEntry = {
      manager,
      operation,
      apiVersion,
      subresource,
      fields: entry.fieldsV1 === undefined ? new FieldSet() : decodeFieldsV1(entry.fieldsV1),
      ...(typeof time === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(time) ? { time } : {}),
    };
    if (entries.some((e) => sameIdentity(e, decoded))) throw new Error(`duplicate managedFields entry for ${manager}`);
    entries.push(decoded);
  }
  return entries;
}

/**
 * The stored form, ordered as Kubernetes orders it: Apply before Update, then by time, manager, apiVersion and
 * subresource. Entries that own nothing are dropped.
 */
export function encodeManagedFields(entries: readonly ManagedEntry[]): JsonObject[] {
  return entries
    .filter((e) => !e.fields.isEmpty())
    .sort(entryOrder)
    .map((e) => ({
      manager: e.manager,
      operation: e.operation,
      apiVersion: e.apiVersion,
      ...(e.time !== undefined ? { time: e.time } : {}),
      fieldsType: "FieldsV1",
      fieldsV1: encodeFieldsV1(e.fields),
      ...(e.subresource !== "" ? { subresource: e.subresource } : {}),
    }));
}

function entryOrder(a: ManagedEntry, b: ManagedEntry): number {
  if (a.operation !== b.operation) return a.operation === "Apply" ? -1 : 1;
  const seconds = (e: ManagedEntry) => (e.time === undefined ? 0 : Math.floor(Date.parse(e.time) / 1000));
  return (
    seconds(a) - seconds(b) ||
    byCodePoint(a.manager, b.manager) ||
    byCodePoint(a.apiVersion, b.apiVersion) ||
    byCodePoint(a.subresource, b.subresource)
  );
}
