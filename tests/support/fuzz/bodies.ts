import { stringify as toYaml } from "yaml";
import { deleteOptions, validObject, type JsonObject } from "./objects";
import { resources, type FuzzResource } from "./resources";
import type { Rng } from "./rng";
import { deepJsonText, nastyNumber, nastyString, randomJson, randomObject } from "./values";

export type FuzzBody = { body: string | Uint8Array; contentType?: string; label: string };

/** The context a body is generated for: the resource the path points at (if any) and the name in it. */
export type BodyTarget = { resource: FuzzResource | undefined; name: string; namespace: string | undefined };

const objectTypes = ["application/json", "application/yaml", "application/json; charset=utf-8"];
const patchTypes = [
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
  "application/apply-patch+yaml",
];
const strangeTypes = [
  "text/plain",
  "text/yaml",
  "application/x-yaml",
  "application/xml",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "APPLICATION/JSON",
  "application/json;;;",
  "application/json; charset=utf-16",
  "application/cbor",
  "application/apply-patch+cbor",
  "application/",
  "*/*",
  ";",
  "",
];

export function randomBody(rng: Rng, target: BodyTarget): FuzzBody {
  return rng.weighted<() => FuzzBody>([
    [30, () => objectBody(rng, target)],
    [16, () => patchBody(rng, target)],
    [8, () => ({ body: JSON.stringify(randomJson(rng, 5)), contentType: rng.pick(objectTypes), label: "random-json" })],
    [4, () => ({ body: deepJsonText(rng, rng.pick([64, 500, 5_000, 20_000])), contentType: rng.pick([...objectTypes, ...patchTypes]), label: "deep-json" })],
    [1, () => hugeBody(rng, target)],
    [5, () => ({ body: rng.bytes(rng.between(0, 2_000)), contentType: rng.pick([...objectTypes, ...patchTypes, ...strangeTypes]), label: "random-bytes" })],
    [8, () => yamlBody(rng, target)],
    [4, () => ({ body: JSON.stringify(deleteOptions(deleteExtras(rng))), contentType: "application/json", label: "delete-options" })],
    [6, () => ({ body: rng.pick(literals), contentType: rng.pick([...objectTypes, ...patchTypes]), label: "json-literal" })],
  ])();
}

const literals = ["", " ", "\n", "null", "{}", "[]", "0", '""', "true", "1e999", "-0", '{"a":1,"a":2}', "\ufeff{}", '{"__proto__":{"polluted":1}}', "{,}", "{"];

function objectBody(rng: Rng, target: BodyTarget): FuzzBody {
  const resource = target.resource && rng.chance(0.8) ? target.resource : rng.pick(resources);
  const object = validObject(resource, rng.chance(0.8) ? target.name || "fuzzed" : nastyString(rng), target.namespace);
  const mutations = rng.weighted([
    [3, 0],
    [4, 1],
    [2, 2],
    [1, 4],
  ]);
  const labels: string[] = [];
  for (let i = 0; i < mutations; i++) labels.push(mutate(rng, object));
  const yaml = rng.chance(0.2);
  return {
    body: yaml ? toYaml(object) : JSON.stringify(object),
    contentType: rng.chance(0.9) ? (yaml ? "application/yaml" : "application/json") : rng.pick(strangeTypes),
    label: `object:${resource.kind}${labels.length ? `+${labels.join("+")}` : ""}${yaml ? ":yaml" : ""}`,
  };
}

/** Changes one thing in the object; returns what it did. */
function mutate(rng: Rng, object: JsonObject): string {
  const meta: JsonObject = typeof object.metadata === "object" && object.metadata !== null && !Array.isArray(object.metadata) ? object.metadata : {};
  return rng.weighted<() => string>([
    [3, () => ((meta.name = nastyString(rng)), "name")],
    [1, () => (delete meta.name, (meta.generateName = nastyString(rng)), "generateName")],
    [1, () => ((meta.namespace = nastyString(rng)), "namespace")],
    [1, () => ((meta.resourceVersion = rng.pick(["1", "0", "abc", "99999999999", ""])), "resourceVersion")],
    [1, () => ((meta.uid = nastyString(rng)), "uid")],
    [2, () => ((meta.labels = randomObject(rng, 1)), "labels")],
    [1, () => ((meta.annotations = randomJson(rng, 2)), "annotations")],
    [1, () => ((meta.finalizers = [nastyString(rng), "kubernetes", "foregroundDeletion"]), "finalizers")],
    [1, () => ((meta.ownerReferences = [{ apiVersion: "v1", kind: "Pod", name: nastyString(rng), uid: nastyString(rng), controller: true }]), "ownerReferences")],
    [1, () => ((meta.deletionTimestamp = "2020-01-01T00:00:00Z"), "deletionTimestamp")],
    [1, () => ((meta.managedFields = randomJson(rng, 2)), "managedFields")],
    [2, () => ((object.kind = rng.pick([nastyString(rng), "Secret", "Pod", "List", "Status", ""])), "kind")],
    [2, () => ((object.apiVersion = rng.pick([nastyString(rng), "v1", "apps/v1", "v2", "apps/v1beta1", ""])), "apiVersion")],
    [2, () => ((object[rng.pick(["spec", "status", "data", "metadata"])] = randomJson(rng, 3)), "replace-field")],
    [2, () => (setDeep(rng, object, randomJson(rng, 2)), "set-deep")],
    [2, () => ((object[`unknown${rng.int(9)}`] = randomJson(rng, 2)), "unknown-field")],
    [1, () => (delete object[rng.pick(["kind", "apiVersion", "metadata", "spec"])], "delete-field")],
    [1, () => (setDeep(rng, object, nastyNumber(rng)), "number")],
  ])();
}

/** Sets a value at a random existing path inside the object. */
function setDeep(rng: Rng, object: JsonObject, value: ReturnType<typeof randomJson>): void {
  let node: unknown = object;
  for (let depth = 0; depth < 8; depth++) {
    const container = node as Record<string, unknown> | unknown[];
    const keys = Object.keys(container);
    if (keys.length === 0) break;
    const key = rng.pick(keys);
    const child = (container as Record<string, unknown>)[key];
    if (typeof child !== "object" || child === null || rng.chance(0.25)) {
      (container as Record<string, unknown>)[key] = value;
      return;
    }
    node = child;
  }
}

function patchBody(rng: Rng, target: BodyTarget): FuzzBody {
  const kind = rng.pick(patchTypes);
  const contentType = rng.chance(0.9) ? kind : rng.pick([...patchTypes, ...strangeTypes]);
  if (kind === "application/json-patch+json") {
    const ops = Array.from({ length: rng.between(0, 4) }, () => jsonPatchOp(rng));
    return { body: JSON.stringify(rng.chance(0.95) ? ops : ops[0] ?? {}), contentType, label: "json-patch" };
  }
  if (kind === "application/apply-patch+yaml") {
    const object = validObject(target.resource ?? rng.pick(resources), target.name || "applied", target.namespace);
    if (rng.chance(0.5)) mutate(rng, object);
    return { body: rng.chance(0.7) ? toYaml(object) : JSON.stringify(object), contentType, label: "apply-patch" };
  }
  const patch: JsonObject = rng.weighted<() => JsonObject>([
    [3, () => ({ metadata: { labels: { tier: rng.chance(0.3) ? null : nastyString(rng) } } })],
    [2, () => ({ spec: { replicas: rng.pick<number | string | null>([0, 3, -1, "3", null, 1e9]) } })],
    [2, () => ({ data: randomObject(rng, 1) })],
    [2, () => ({ spec: { template: { spec: { containers: [{ name: rng.pick(["web", "new", nastyString(rng)]), image: nastyString(rng) }] } } } })],
    [2, () => ({ [rng.pick(["$patch", "$retainKeys", "$setElementOrder/containers"])]: rng.pick<ReturnType<typeof randomJson>>(["delete", "replace", "merge", "explode", ["a"], 1]) })],
    [1, () => ({ spec: { template: { spec: { containers: [{ name: "web", $patch: rng.pick(["delete", "replace", "bogus"]) }] } } } })],
    [1, () => ({ metadata: { finalizers: [nastyString(rng)], "$deleteFromPrimitiveList/finalizers": ["kubernetes"] } })],
    [1, () => ({ spec: { template: { spec: { "$setElementOrder/containers": [{ name: "ghost" }], containers: [] } } } })],
    [2, () => randomObject(rng, 3)],
    [1, () => ({ kind: nastyString(rng), apiVersion: nastyString(rng) })],
    [1, () => ({ metadata: { name: nastyString(rng), resourceVersion: rng.pick(["1", "abc", ""]) } })],
  ])();
  return { body: JSON.stringify(patch), contentType, label: kind === "application/merge-patch+json" ? "merge-patch" : "strategic-patch" };
}

function jsonPatchOp(rng: Rng): JsonObject {
  const path = rng.pick([
    "/metadata/labels/x", "/metadata/name", "/metadata/labels", "/data/a", "/data", "/spec/replicas", "/spec/template/spec/containers/0",
    "/spec/template/spec/containers/-", "/spec/template/spec/containers/99", "/kind", "/apiVersion", "/metadata", "", "/", "/a~1b", "/~2",
    "/spec/x/y/z", "metadata", "/metadata/annotations/a~0b", "/status", "/-",
  ]);
  const op: JsonObject = { op: rng.pick(["add", "remove", "replace", "move", "copy", "test", "frob", ""]), path };
  if (rng.chance(0.8)) op.value = randomJson(rng, 2);
  if (rng.chance(0.4)) op.from = rng.pick(["/metadata/labels", "/data", "/spec", "/nope", "/metadata/name", ""]);
  if (rng.chance(0.05)) delete op.path;
  return op;
}

function yamlBody(rng: Rng, target: BodyTarget): FuzzBody {
  const base = toYaml(validObject(target.resource ?? rng.pick(resources), target.name || "yamlish", target.namespace));
  const contentType = rng.pick(["application/yaml", "application/apply-patch+yaml", "application/json"]);
  return rng.weighted<() => FuzzBody>([
    [3, () => ({ body: aliasBomb(rng), contentType, label: "yaml-alias-bomb" })],
    [2, () => ({ body: `${base}---\n${base}`, contentType, label: "yaml-multi-doc" })],
    [2, () => ({ body: `base: &b {a: 1, b: [1, 2]}\n${base}extra:\n  <<: *b\n  more: *b\n`, contentType, label: "yaml-anchors" })],
    [2, () => ({ body: `${base}tagged: ${rng.pick(["!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]", "!!timestamp 2001-12-14", "!custom x", "!!float .nan", "!!int 0x1F", "!!str 1"])}\n`, contentType, label: "yaml-tag" })],
    [1, () => ({ body: `? [complex, key]\n: value\n${base}`, contentType, label: "yaml-complex-key" })],
    [1, () => ({ body: `${base}${"  ".repeat(rng.between(1, 4))}bad:\n\tindent: x\n`, contentType, label: "yaml-bad-indent" })],
    [1, () => ({ body: `metadata: *undefined_alias\n${base}`, contentType, label: "yaml-undefined-alias" })],
    [1, () => ({ body: `${"- ".repeat(rng.between(100, 3_000))}x\n`, contentType, label: "yaml-deep" })],
  ])();
}

/** The "billion laughs": each level refers to the previous one `width` times. */
function aliasBomb(rng: Rng): string {
  const width = rng.between(2, 10);
  const levels = rng.between(3, 12);
  const lines = [`l0: &l0 [${Array(width).fill('"lol"').join(",")}]`];
  for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(",")}]`);
  return lines.join("\n");
}

function hugeBody(rng: Rng, target: BodyTarget): FuzzBody {
  // Mostly just under or just over the 3 MiB limit; the content barely matters.
  const size = rng.pick([100_000, 500_000, 3 * 1024 * 1024 - 4096, 3 * 1024 * 1024 + 1, 4 * 1024 * 1024]);
  const object = validObject(target.resource ?? rng.pick(resources), target.name || "huge", target.namespace);
  object.data = { blob: "x".repeat(size) };
  return { body: JSON.stringify(object), contentType: "application/json", label: `huge-${size}` };
}

function deleteExtras(rng: Rng): JsonObject {
  const out: JsonObject = {};
  if (rng.chance(0.5)) out.gracePeriodSeconds = rng.pick<ReturnType<typeof randomJson>>([0, 30, -1, 1.5, "5", null, 1e20]);
  if (rng.chance(0.5)) out.propagationPolicy = rng.pick<ReturnType<typeof randomJson>>(["Foreground", "Background", "Orphan", "x", 1, null]);
  if (rng.chance(0.3)) out.preconditions = rng.pick<ReturnType<typeof randomJson>>([{ uid: "nope" }, { resourceVersion: "1" }, "x", null, { uid: 5 }]);
  if (rng.chance(0.3)) out.dryRun = rng.pick<ReturnType<typeof randomJson>>([["All"], "All", ["x"], 1]);
  if (rng.chance(0.2)) out.orphanDependents = rng.pick<ReturnType<typeof randomJson>>([true, false, "yes"]);
  return out;
}
