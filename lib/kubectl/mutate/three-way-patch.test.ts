import { describe, expect, it } from "vitest";
import { cloneJson, type JsonObject } from "../../cluster/api/patch/json-value";
import { patchMetaFor, type PatchMetaLookup } from "../../cluster/api/patch/patch-meta";
import { applyStrategicMergePatch } from "../../cluster/api/patch/strategic-merge-patch";
import { goJson } from "./go-json";
import { LAST_APPLIED, lastAppliedOf, withLastApplied } from "./last-applied";
import { threeWayJsonMergePatch, threeWayStrategicPatch } from "./three-way-patch";

const meta = patchMetaFor("apps", "Deployment") as PatchMetaLookup;

const manifest = (image: string, env: JsonObject[], labels: JsonObject = { app: "web" }): JsonObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "ns", labels },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "web" } },
    template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image, env }] } },
  },
});

/** What the server holds after applying `m`: defaults added, status, and fields others wrote. */
function live(m: JsonObject): JsonObject {
  const object = withLastApplied(m);
  const spec = object.spec as JsonObject;
  const template = spec.template as { spec: { containers: JsonObject[]; restartPolicy?: string } };
  template.spec.restartPolicy = "Always";
  for (const c of template.spec.containers) c.imagePullPolicy = "IfNotPresent";
  (object.metadata as JsonObject).uid = "u1";
  ((object.metadata as JsonObject).annotations as JsonObject)["deployment.kubernetes.io/revision"] = "1";
  object.status = { replicas: 2 };
  return object;
}

const apply = (current: JsonObject, patch: JsonObject) => applyStrategicMergePatch(cloneJson(current), cloneJson(patch), meta);

describe("threeWayStrategicPatch", () => {
  const env = [{ name: "A", value: "1" }, { name: "B", value: "2" }];
  const first = manifest("nginx:1.25", env);
  const current = live(first);

  it("is empty when the manifest has not changed (kubectl prints unchanged)", () => {
    expect(threeWayStrategicPatch(lastAppliedOf(current), withLastApplied(first), current, meta)).toEqual({});
  });

  it("changes a container by its merge key with $setElementOrder, and refreshes the annotation", () => {
    const next = withLastApplied(manifest("nginx:1.27", env));
    const patch = threeWayStrategicPatch(lastAppliedOf(current), next, current, meta);
    expect(patch).toEqual({
      metadata: { annotations: { [LAST_APPLIED]: (next.metadata as { annotations: JsonObject }).annotations[LAST_APPLIED] } },
      spec: { template: { spec: { "$setElementOrder/containers": [{ name: "web" }], containers: [{ image: "nginx:1.27", name: "web" }] } } },
    });
    const result = apply(current, patch) as { spec: { template: { spec: { containers: JsonObject[]; restartPolicy: string } } } };
    expect(result.spec.template.spec.containers[0]).toMatchObject({ image: "nginx:1.27", imagePullPolicy: "IfNotPresent", env });
    expect(result.spec.template.spec.restartPolicy).toBe("Always");
  });

  it("deletes what the last manifest had and the new one drops, keeping what others added", () => {
    const next = withLastApplied(manifest("nginx:1.25", [{ name: "A", value: "1" }], {}));
    const patch = threeWayStrategicPatch(lastAppliedOf(current), next, current, meta);
    const spec = (patch.spec as { template: { spec: { containers: JsonObject[] } } }).template.spec;
    expect(spec.containers).toEqual([{ name: "web", env: [{ $patch: "delete", name: "B" }], "$setElementOrder/env": [{ name: "A" }] }]);
    expect((patch.metadata as { labels: JsonObject }).labels).toEqual({ app: null });
    const result = apply(current, patch) as { metadata: JsonObject; spec: { template: { spec: { containers: JsonObject[] } } } };
    expect(result.spec.template.spec.containers[0]?.env).toEqual([{ name: "A", value: "1" }]);
    expect(result.spec.template.spec.containers[0]?.imagePullPolicy).toBe("IfNotPresent");
    expect(result.metadata.labels).toEqual({});
  });

  it("adds $retainKeys inside retainKeys structs such as a Deployment's strategy", () => {
    const withStrategy = (strategy: JsonObject) => ({ ...first, spec: { ...(first.spec as JsonObject), strategy } });
    const old = withStrategy({ type: "RollingUpdate", rollingUpdate: { maxSurge: 1 } });
    const patch = threeWayStrategicPatch(old, withStrategy({ type: "Recreate" }), live(old), meta);
    expect((patch.spec as JsonObject).strategy).toEqual({ $retainKeys: ["type"], type: "Recreate", rollingUpdate: null });
  });
});

describe("threeWayJsonMergePatch", () => {
  it("replaces lists, nulls removed keys and leaves others' fields alone", () => {
    const original = { spec: { a: 1, list: [1, 2] } };
    const current = { spec: { a: 1, list: [1, 2], other: true }, status: { x: 1 } };
    expect(threeWayJsonMergePatch(original, { spec: { list: [3] } }, current)).toEqual({ spec: { a: null, list: [3] } });
    expect(threeWayJsonMergePatch(original, original, current)).toEqual({});
  });
});

describe("last applied configuration", () => {
  it("is the manifest as Go JSON (sorted keys, HTML escaped) with a newline, and drops a stale copy", () => {
    const object = withLastApplied({ kind: "ConfigMap", metadata: { name: "x", annotations: { [LAST_APPLIED]: "old" } }, data: { b: "<&>", a: "1" } });
    expect((object.metadata as { annotations: JsonObject }).annotations[LAST_APPLIED]).toBe(
      '{"data":{"a":"1","b":"\\u003c\\u0026\\u003e"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"x"}}\n',
    );
    expect(goJson({ z: [1, { y: null, x: "é" }] })).toBe('{"z":[1,{"x":"é","y":null}]}');
  });
});
