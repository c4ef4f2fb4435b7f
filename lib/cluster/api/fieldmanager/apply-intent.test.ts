import { describe, expect, it } from "vitest";
import type { JsonObject } from "../patch/json-value";
import { ApplyConflicts, conflictError } from "./apply-conflicts";
import { applyIntent, type ApplyInput } from "./apply-intent";
import { FieldSet } from "./field-set";
import { encodeFieldsV1 } from "./fields-v1";
import { fieldsStillAsLastApplied, refreshLastApplied } from "./last-applied";
import type { ManagedEntry } from "./managed-entries";
import { fieldElement as f } from "./path-element";
import { ownedThrough } from "./record-managed-fields";
import { schemaForKind } from "./schema-node";
import { trackUpdate } from "./track-update";
import { builtinResources } from "../resources/builtin-resources";

const configMapType = builtinResources.find((t) => t.kind === "ConfigMap")!;
const schema = schemaForKind(configMapType);
const cm = (data: Record<string, string>, labels?: Record<string, string>): JsonObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "c", ...(labels ? { labels } : {}) },
  data,
});

function run(input: Partial<ApplyInput> & { config: JsonObject; manager: string }) {
  return applyIntent({
    live: undefined,
    schema,
    entries: [],
    force: false,
    time: "2026-01-01T00:00:00Z",
    owned: ownedThrough(configMapType, ""),
    ...input,
    applier: { manager: input.manager, apiVersion: "v1", subresource: "" },
  });
}

const owned = (entries: ManagedEntry[], manager: string) => encodeFieldsV1(entries.find((e) => e.manager === manager)?.fields ?? new FieldSet());

describe("applyIntent", () => {
  it("owns exactly what was applied (never name, kind or apiVersion) and merges over the live object", () => {
    const first = run({ config: cm({ a: "1" }), manager: "alice" });
    expect(first.object).toEqual(cm({ a: "1" }));
    expect(owned(first.entries, "alice")).toEqual({ "f:data": { "f:a": {} } });
    const second = run({ live: { ...first.object, data: { a: "1", z: "by-hand" } }, entries: first.entries, config: cm({ a: "1", b: "2" }), manager: "alice" });
    expect(second.object.data).toEqual({ a: "1", z: "by-hand", b: "2" });
    expect(owned(second.entries, "alice")).toEqual({ "f:data": { "f:a": {}, "f:b": {} } });
  });

  it("conflicts on values another manager owns, shares equal ones, and takes them over when forced", () => {
    const alice = run({ config: cm({ a: "1", b: "1" }), manager: "alice" });
    const shared = run({ live: alice.object, entries: alice.entries, config: cm({ a: "1" }), manager: "bob" });
    expect(shared.entries.map((e) => e.manager)).toEqual(["alice", "bob"]);
    let caught: unknown;
    try {
      run({ live: shared.object, entries: shared.entries, config: cm({ a: "2" }), manager: "carol" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ApplyConflicts);
    expect(conflictError((caught as ApplyConflicts).conflicts).message).toBe(
      'Apply failed with 2 conflicts: conflicts with "alice":\n- .data.a\nconflicts with "bob":\n- .data.a',
    );
    const forced = run({ live: shared.object, entries: shared.entries, config: cm({ a: "2" }), manager: "carol", force: true });
    expect(forced.object.data).toEqual({ a: "2", b: "1" });
    expect(forced.entries.map((e) => [e.manager, JSON.stringify(encodeFieldsV1(e.fields))])).toEqual([
      ["alice", '{"f:data":{"f:b":{}}}'],
      ["carol", '{"f:data":{"f:a":{}}}'],
    ]);
  });

  it("removes what the applier stopped applying, keeps what others own, and drops emptied maps", () => {
    const alice = run({ config: cm({ a: "1", b: "1", c: "1" }, { x: "1" }), manager: "alice" });
    const bob = run({ live: alice.object, entries: alice.entries, config: cm({ c: "1" }), manager: "bob" });
    const next = run({ live: bob.object, entries: bob.entries, config: cm({ a: "1" }), manager: "alice" });
    expect(next.object).toEqual(cm({ a: "1", c: "1" }));
    // An updater's fields are kept too.
    const updated = trackUpdate(next.entries, { added: new FieldSet([[f("data"), f("d")]]), modified: new FieldSet(), removed: new FieldSet() }, { manager: "editor", apiVersion: "v1", subresource: "" }, "t");
    const withD = { ...next.object, data: { a: "1", c: "1", d: "1" } };
    const last = run({ live: withD, entries: updated, config: cm({}), manager: "alice" });
    expect(last.object.data).toEqual({ c: "1", d: "1" });
  });

  it("keeps the entry's time when an apply changes nothing", () => {
    const first = run({ config: cm({ a: "1" }), manager: "alice" });
    const again = run({ live: first.object, entries: first.entries, config: cm({ a: "1" }), manager: "alice", time: "2027-01-01T00:00:00Z" });
    expect(again.entries[0]?.time).toBe("2026-01-01T00:00:00Z");
  });
});

describe("kubectl's client-side to server-side bridge", () => {
  const annotated = (data: Record<string, string>, lastApplied: Record<string, string>): JsonObject => ({
    ...cm(data),
    metadata: { name: "c", annotations: { "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify(cm(lastApplied)) } },
  });

  it("allows taking fields that still hold their last client-side value", () => {
    const allowed = fieldsStillAsLastApplied(annotated({ a: "1", b: "changed-by-hand" }, { a: "1", b: "1" }), "v1", schema);
    expect(encodeFieldsV1(allowed)).toEqual({ "f:apiVersion": {}, "f:data": { "f:a": {} }, "f:kind": {}, "f:metadata": { "f:name": {} } });
    expect(fieldsStillAsLastApplied(cm({ a: "1" }), "v1", schema).isEmpty()).toBe(true);
  });

  it("rewrites an existing annotation to the applied configuration, sorted like Go's JSON", () => {
    const refreshed = refreshLastApplied(annotated({ a: "2" }, { a: "1" }), { kind: "ConfigMap", apiVersion: "v1", metadata: { name: "c" }, data: { a: "2" } });
    expect((refreshed.metadata as { annotations: Record<string, string> }).annotations["kubectl.kubernetes.io/last-applied-configuration"]).toBe(
      '{"apiVersion":"v1","data":{"a":"2"},"kind":"ConfigMap","metadata":{"name":"c"}}\n',
    );
    expect(refreshLastApplied(cm({ a: "2" }), cm({ a: "2" }))).toEqual(cm({ a: "2" }));
  });
});
