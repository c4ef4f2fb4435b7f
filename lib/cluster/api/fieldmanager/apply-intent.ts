import { jsonEqual, type JsonObject } from "../patch/json-value";
import { ApplyConflicts, type Conflict } from "./apply-conflicts";
import { compareObjects } from "./compare-objects";
import { FieldSet, startsWith } from "./field-set";
import { sameIdentity, type ManagedEntry, type ManagerIdentity } from "./managed-entries";
import { mergeApplied } from "./merge-applied";
import { type Path } from "./path-element";
import { hasField, removeField } from "./remove-fields";
import { childNode, type SchemaNode } from "./schema-node";
import { toFieldSet } from "./to-field-set";

export type ApplyInput = {
  /** The stored object, or undefined when the apply creates it. */
  live: JsonObject | undefined;
  /** The applied configuration: the applier's whole intent for the object. */
  config: JsonObject;
  schema: SchemaNode;
  entries: readonly ManagedEntry[];
  applier: Omit<ManagerIdentity, "operation">;
  force: boolean;
  time: string;
  /** The part of a field set that can be owned through this endpoint (no metadata.uid, no status on the main resource, …). */
  owned: (set: FieldSet) => FieldSet;
};

export type ApplyResult = { object: JsonObject; entries: ManagedEntry[] };

/**
 * Server-side apply, as structured-merge-diff does it: merge the configuration over the live object; remove
 * what the applier set last time and no longer sets, unless someone else also owns it; refuse (or, forced, take
 * over) changes to fields other managers own; the applier then owns exactly what its configuration sets.
 * Throws ApplyConflicts, or ItemKeyError for a configuration whose lists cannot be keyed.
 */
export function applyIntent(input: ApplyInput): ApplyResult {
  const { live, config, schema, applier, owned } = input;
  const identity: ManagerIdentity = { ...applier, operation: "Apply" };
  const configSet = toFieldSet(config, schema);
  const previous = input.entries.find((e) => sameIdentity(e, identity));
  const others = input.entries.filter((e) => e !== previous);

  const merged = mergeApplied(live ?? {}, config, schema) as JsonObject;
  if (previous) prune(merged, previous.fields, others, configSet, schema);

  const changes = compareObjects(live ?? {}, merged, schema);
  const taken = owned(changes.added.union(changes.modified));
  const removed = owned(changes.removed);
  const conflicts: Conflict[] = [];
  const entries = others.map((entry) => {
    const clash = entry.fields.intersection(taken);
    for (const path of clash.paths()) conflicts.push({ owner: entry, path });
    return { ...entry, fields: entry.fields.difference(clash).difference(removed) };
  });
  if (conflicts.length > 0 && !input.force) throw new ApplyConflicts(conflicts);

  const fields = owned(configSet);
  const changed = !jsonEqual(live ?? {}, merged) || !previous || !previous.fields.equals(fields);
  const time = changed || previous?.time === undefined ? input.time : previous.time;
  entries.push({ ...identity, time, fields });
  return { object: merged, entries: entries.filter((e) => !e.fields.isEmpty()) };
}

/**
 * Removes what the applier owned before and no longer applies, where no one else (nor the new configuration)
 * owns it. Struct fields on the way to an owned field count as owned, so dropping `spec.replicas` does not
 * drop `spec`; a list item or map entry goes whole.
 */
function prune(merged: JsonObject, before: FieldSet, others: readonly ManagedEntry[], configSet: FieldSet, schema: SchemaNode): void {
  const owners = withNamedFields(others.reduce((all, e) => all.union(e.fields), configSet), schema);
  const candidates = withNamedFields(before, schema)
    .difference(owners)
    .paths()
    .sort((a, b) => a.length - b.length);
  const removed: Path[] = [];
  for (const path of candidates) {
    if (removed.some((r) => startsWith(path, r))) continue;
    if (!hasField(merged, path, schema)) continue;
    removeField(merged, path, schema);
    removed.push(path);
  }
}

/** The set plus every struct field (not map entry or list item) on the way to its members. */
export function withNamedFields(set: FieldSet, schema: SchemaNode): FieldSet {
  const out: Path[] = set.paths();
  for (const path of set.paths()) {
    let node: SchemaNode = schema;
    for (let i = 0; i < path.length - 1; i++) {
      const element = path[i]!;
      const inStruct = node.kind === "struct" || node.kind === "untyped";
      if (element.startsWith("f:")) {
        node = childNode(node, element.slice(2)) ?? { kind: "leaf" };
        if (inStruct) out.push(path.slice(0, i + 1));
      } else {
        node = node.kind === "list" ? node.item : { kind: "leaf" };
      }
    }
  }
  return new FieldSet(out);
}
