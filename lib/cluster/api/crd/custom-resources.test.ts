import { afterEach, describe, expect, it } from "vitest";
import { ExpiredError } from "../../store/errors";
import type { ObjectStore } from "../../store/object-store";
import { ResourceRegistry } from "../resources/resource-registry";
import { CrdSync } from "./crd-sync";
import { ApiError, type Status } from "../status";
import { crdPipeline, cronTabCrd, cronTabs, crds } from "./testing/crd-pipeline";

// CRDs and their custom objects through the whole request path (routing, RBAC, REST, store) in memory.

let pipeline: Awaited<ReturnType<typeof crdPipeline>> | undefined;
afterEach(async () => {
  await pipeline?.close();
  pipeline = undefined;
});

async function withCronTabs() {
  pipeline = await crdPipeline();
  const crd = await pipeline.admin.create(crds(), cronTabCrd());
  return { ...pipeline, crd };
}

const cronTab = (name: string, spec: Record<string, unknown> = { cronSpec: "* * * * */5", image: "my-cron" }, extra: Record<string, unknown> = {}) => ({
  apiVersion: "stable.example.com/v1",
  kind: "CronTab",
  metadata: { name },
  spec,
  ...extra,
});

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe("CustomResourceDefinition writes", () => {
  it("gets the status the apiextensions controllers set, and serves the type right away", async () => {
    const { crd, admin, raw } = await withCronTabs();
    const status = crd.status as { acceptedNames: unknown; conditions: { type: string; status: string; reason: string }[]; storedVersions: string[] };
    expect(status.acceptedNames).toEqual({ kind: "CronTab", listKind: "CronTabList", plural: "crontabs", shortNames: ["ct"], singular: "crontab" });
    expect(status.conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ["NamesAccepted", "True", "NoConflicts"],
      ["Established", "True", "InitialNamesAccepted"],
    ]);
    expect(status.storedVersions).toEqual(["v1"]);
    expect((crd.spec as { names: { listKind: string } }).names.listKind).toBe("CronTabList");

    const discovery = (await admin.request("GET", "/apis/stable.example.com/v1")) as { resources: { name: string; shortNames?: string[]; kind: string; verbs: string[] }[] };
    expect(discovery.resources.map((r) => r.name)).toEqual(["crontabs", "crontabs/status", "crontabs/scale"]);
    expect(discovery.resources[0]).toMatchObject({ kind: "CronTab", shortNames: ["ct"], namespaced: true, singularName: "crontab" });
    expect(((await admin.request("GET", "/apis")) as { groups: { name: string; preferredVersion: { version: string } }[] }).groups).toContainEqual(
      expect.objectContaining({ name: "stable.example.com", preferredVersion: { groupVersion: "stable.example.com/v1", version: "v1" } }),
    );
    expect((await raw("GET", cronTabs())).status).toBe(200);
  });

  it("refuses the common mistakes with Kubernetes' wording", async () => {
    pipeline = await crdPipeline();
    const bad = cronTabCrd({ name: "crontab.stable.example.com" });
    const error = await failure(pipeline.admin.create(crds(), bad));
    expect(error.code).toBe(422);
    expect(error.message).toBe(
      'CustomResourceDefinition.apiextensions.k8s.io "crontab.stable.example.com" is invalid: metadata.name: Invalid value: "crontab.stable.example.com": must be spec.names.plural+"."+spec.group',
    );
    const twoStorage = cronTabCrd({
      versions: [
        { name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object" } } },
        { name: "v2", served: true, storage: true, schema: { openAPIV3Schema: { type: "object" } } },
      ],
    });
    expect((await failure(pipeline.admin.create(crds(), twoStorage))).message).toContain(
      "spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{",
    );
    expect((await failure(pipeline.admin.create(crds(), twoStorage))).message).toMatch(/: must have exactly one version marked as storage version$/);
    const noSchema = cronTabCrd({ versions: [{ name: "v1", served: true, storage: true }] });
    expect((await failure(pipeline.admin.create(crds(), noSchema))).message).toMatch(
      /spec\.versions\[0\]\.schema\.openAPIV3Schema: Required value: schemas are required$/,
    );
    const untyped = cronTabCrd({
      versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", properties: { spec: { properties: {} } } } } }],
    });
    expect((await failure(pipeline.admin.create(crds(), untyped))).message).toMatch(
      /spec\.versions\[0\]\.schema\.openAPIV3Schema\.properties\[spec\]\.type: Required value: must not be empty for specified object fields$/,
    );
  });

  it("does not accept names another CRD of the group holds: NamesAccepted False, not served", async () => {
    const { admin, raw } = await withCronTabs();
    const rival = cronTabCrd({ name: "crontabz.stable.example.com", shortNames: ["ct"] });
    rival.spec.names = { plural: "crontabz", singular: "crontabz", kind: "CronTabZ", shortNames: ["ct"] };
    const created = await admin.create(crds(), rival);
    const conditions = (created.status as { conditions: { type: string; status: string; reason: string; message: string }[] }).conditions;
    expect(conditions[0]).toMatchObject({ type: "NamesAccepted", status: "False", reason: "ShortNamesConflict", message: '"ct" is already in use' });
    expect(conditions[1]).toMatchObject({ type: "Established", status: "False", reason: "NotAccepted" });
    expect((await raw("GET", "/apis/stable.example.com/v1/namespaces/dev/crontabz")).status).toBe(404);
  });
});

describe("names and OpenAPI", () => {
  it("grants names once the CRD holding them is deleted", async () => {
    const { admin, raw } = await withCronTabs();
    const rival = cronTabCrd({ name: "crontabz.stable.example.com" });
    rival.spec.names = { plural: "crontabz", singular: "crontabz", kind: "CronTabZ", shortNames: ["ct"] };
    await admin.create(crds(), rival);
    await admin.delete(crds("crontabs.stable.example.com"));
    const after = await admin.get(crds("crontabz.stable.example.com"));
    expect((after.status as { conditions: { type: string; status: string }[] }).conditions.slice(0, 2).map((c) => c.status)).toEqual(["True", "True"]);
    expect((await raw("GET", "/apis/stable.example.com/v1/namespaces/dev/crontabz")).status).toBe(200);
  });

  it("publishes the schema in OpenAPI v3 and v2 (JSON and protobuf), and the v3 index changes with CRDs", async () => {
    pipeline = await crdPipeline();
    const text = async (path: string, accept = "application/json") => {
      const response = await pipeline!.raw("GET", path, { accept });
      return response.kind === "text" ? response.body : response.kind === "bytes" ? response.body : "";
    };
    const before = await text("/openapi/v3");
    await pipeline.admin.create(crds(), cronTabCrd());
    const index = JSON.parse(String(await text("/openapi/v3"))) as { paths: Record<string, { serverRelativeURL: string }> };
    expect(index.paths["apis/stable.example.com/v1"]?.serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/stable\.example\.com\/v1\?hash=[0-9A-F]{128}$/);
    expect(before).not.toContain("stable.example.com");
    const v3 = JSON.parse(String(await text("/openapi/v3/apis/stable.example.com/v1"))) as {
      components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>>; "x-kubernetes-group-version-kind": unknown }> };
      paths: Record<string, { patch?: { requestBody: { content: Record<string, unknown> } } }>;
    };
    const schema = v3.components.schemas["com.example.stable.v1.CronTab"];
    expect(schema?.["x-kubernetes-group-version-kind"]).toEqual([{ group: "stable.example.com", version: "v1", kind: "CronTab" }]);
    expect(Object.keys(schema?.properties ?? {}).sort()).toEqual(["apiVersion", "kind", "metadata", "spec", "status"]);
    expect((schema?.properties.spec as { properties: Record<string, unknown> }).properties.size).toEqual({ type: "string", enum: ["small", "large"] });
    expect(v3.components.schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]).toBeDefined();
    const patch = v3.paths["/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}"]?.patch;
    expect(Object.keys(patch?.requestBody.content ?? {})).not.toContain("application/strategic-merge-patch+json");
    const v2 = JSON.parse(String(await text("/openapi/v2"))) as { definitions: Record<string, { properties: Record<string, Record<string, unknown>> }> };
    const v2spec = v2.definitions["com.example.stable.v1.CronTab"]?.properties.spec as { properties: Record<string, Record<string, unknown>> };
    expect(v2spec.properties.size).toEqual({ type: "string" });
    expect(v2spec.properties.extra).toEqual({ "x-kubernetes-preserve-unknown-fields": true });
    const proto = await text("/openapi/v2", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
    expect(proto).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(proto as Uint8Array).toString("latin1")).toContain("com.example.stable.v1.CronTab");
  });
});

describe("custom objects", () => {
  it("are created with defaults, generation 1, no status, and listed, selected and watched", async () => {
    const { admin } = await withCronTabs();
    const created = await admin.create(cronTabs(), cronTab("a", { cronSpec: "* * * * */5" }, { status: { replicas: 9 } }));
    expect(created).toMatchObject({ apiVersion: "stable.example.com/v1", kind: "CronTab", spec: { cronSpec: "* * * * */5", replicas: 1 } });
    expect(created.metadata.generation).toBe(1);
    expect(created.status).toBeUndefined();
    await admin.create(cronTabs(), { ...cronTab("b"), metadata: { name: "b", labels: { tier: "web" } } });
    const byLabel = await admin.list(cronTabs(), { labelSelector: "tier=web" });
    expect(byLabel.items.map((i) => i.metadata.name)).toEqual(["b"]);
    const byName = await admin.list(cronTabs(), { fieldSelector: "metadata.name=a" });
    expect(byName.items.map((i) => i.metadata.name)).toEqual(["a"]);
  });

  it("prune unknown fields, warn about them, and refuse them under fieldValidation=Strict", async () => {
    const { admin, raw } = await withCronTabs();
    const body = cronTab("a", { cronSpec: "* * * * */5", foo: 1, extra: { anything: { goes: true } } });
    const strict = await raw("POST", cronTabs(), { body, query: { fieldValidation: "Strict" } });
    expect(strict.status).toBe(400);
    expect((strict as { body: Status }).body.message).toBe('CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.foo"');
    const warned = await raw("POST", cronTabs(), { body });
    expect(warned.status).toBe(201);
    expect((warned as { headers?: Record<string, string> }).headers?.warning).toBe('299 - "unknown field \\"spec.foo\\""');
    const stored = await admin.get(cronTabs("a"));
    expect(stored.spec).toEqual({ cronSpec: "* * * * */5", extra: { anything: { goes: true } }, replicas: 1 });
  });

  it("are validated against the schema with the API server's messages", async () => {
    const { admin } = await withCronTabs();
    const error = await failure(
      admin.create(cronTabs(), cronTab("bad", { replicas: "string", size: "huge", image: "a-very-long-image-name-indeed", tags: ["a", "b", "c", "d"], port: true })),
    );
    expect(error.code).toBe(422);
    expect(error.details?.causes).toEqual([
      { reason: "FieldValueTooLong", field: "spec.image", message: "Too long: may not be more than 20 bytes" },
      { reason: "FieldValueTypeInvalid", field: "spec.replicas", message: 'Invalid value: "string": spec.replicas in body must be of type integer: "string"' },
      { reason: "FieldValueNotSupported", field: "spec.size", message: 'Unsupported value: "huge": supported values: "small", "large"' },
      { reason: "FieldValueTypeInvalid", field: "spec.port", message: 'Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"' },
      { reason: "FieldValueTooMany", field: "spec.tags", message: "Too many: 4: must have at most 3 items" },
      { reason: "FieldValueRequired", field: "spec.cronSpec", message: "Required value" },
    ]);
    expect(error.message).toMatch(/^CronTab\.stable\.example\.com "bad" is invalid: \[spec\.image: Too long/);
    const range = await failure(admin.create(cronTabs(), cronTab("big", { cronSpec: "* * * * *", replicas: 20 })));
    expect(range.message).toBe('CronTab.stable.example.com "big" is invalid: spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10');
    const pattern = await failure(admin.create(cronTabs(), cronTab("pat", { cronSpec: "never" })));
    expect(pattern.message).toContain(`spec.cronSpec: Invalid value: "never": spec.cronSpec in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'`);
    // A null where null is allowed stays; where it is not, the field is dropped (its default applies).
    const nulls = await admin.create(cronTabs(), cronTab("nulls", { cronSpec: "* * * * *", note: null, replicas: null }));
    expect(nulls.spec).toEqual({ cronSpec: "* * * * *", note: null, replicas: 1 });
  });

  it("keep status to the status subresource, spec to the main resource, and bump generation on spec changes only", async () => {
    const { admin } = await withCronTabs();
    await admin.create(cronTabs(), cronTab("a"));
    const withStatus = await admin.update(cronTabs("a", "status"), { ...cronTab("a", { cronSpec: "1 1 1 1 1" }), status: { replicas: 3 } });
    expect(withStatus.status).toEqual({ replicas: 3 });
    expect(withStatus.spec).toMatchObject({ cronSpec: "* * * * */5" });
    expect(withStatus.metadata.generation).toBe(1);
    const patched = await admin.patch(cronTabs("a"), { spec: { image: "new" }, status: { replicas: 7 } }, "merge");
    expect(patched.status).toEqual({ replicas: 3 });
    expect(patched.metadata.generation).toBe(2);
    const labelled = await admin.patch(cronTabs("a"), [{ op: "add", path: "/metadata/labels", value: { x: "y" } }], "json");
    expect(labelled.metadata.generation).toBe(2);
  });

  it("refuse strategic merge patches with 415, as Kubernetes does for custom resources", async () => {
    const { admin } = await withCronTabs();
    await admin.create(cronTabs(), cronTab("a"));
    const error = await failure(admin.patch(cronTabs("a"), { spec: { image: "x" } }, "strategic"));
    expect(error.code).toBe(415);
    expect(error.message).toBe(
      "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
    );
  });

  it("scale through /scale at the CRD's replica paths", async () => {
    const { admin } = await withCronTabs();
    await admin.create(cronTabs(), cronTab("a", { cronSpec: "* * * * *", replicas: 2 }));
    await admin.update(cronTabs("a", "status"), { ...cronTab("a"), status: { replicas: 2, labelSelector: "app=a" } });
    const scale = await admin.get(cronTabs("a", "scale"));
    expect(scale).toMatchObject({ kind: "Scale", apiVersion: "autoscaling/v1", spec: { replicas: 2 }, status: { replicas: 2, selector: "app=a" } });
    const scaled = await admin.patch(cronTabs("a", "scale"), { spec: { replicas: 5 } }, "merge");
    expect(scaled.spec).toEqual({ replicas: 5 });
    expect(((await admin.get(cronTabs("a"))).spec as { replicas: number }).replicas).toBe(5);
    const tooMany = await failure(admin.patch(cronTabs("a", "scale"), { spec: { replicas: 50 } }, "merge"));
    expect(tooMany.message).toContain("spec.replicas in body should be less than or equal to 10");
  });

  it("print the CRD's printer columns in Tables", async () => {
    const { raw, admin, clock } = await withCronTabs();
    await admin.create(cronTabs(), cronTab("a"));
    await admin.update(cronTabs("a", "status"), { ...cronTab("a"), status: { conditions: [{ type: "Ready", status: "True" }] } });
    clock.advance(90_000);
    const response = await raw("GET", cronTabs(), { accept: "application/json;as=Table;v=v1;g=meta.k8s.io" });
    const table = (response as { body: { columnDefinitions: { name: string; type: string }[]; rows: { cells: unknown[] }[] } }).body;
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(["Name", "Spec", "Replicas", "Ready", "Age"]);
    expect(table.rows[0]?.cells).toEqual(["a", "* * * * */5", 1, "True", "90s"]);
  });

  it("go with their CRD, and the type stops being served", async () => {
    const { admin, raw, store } = await withCronTabs();
    await admin.create(cronTabs(), cronTab("a"));
    await admin.create(cronTabs(), cronTab("b"));
    await admin.delete(crds("crontabs.stable.example.com"));
    expect((await raw("GET", crds("crontabs.stable.example.com"))).status).toBe(404);
    expect((await raw("GET", cronTabs())).status).toBe(404);
    expect((await raw("GET", "/apis/stable.example.com/v1")).status).toBe(404);
    const left = await store.list({ cluster: "test", group: "stable.example.com", resource: "crontabs" });
    expect(left.items).toEqual([]);
  });
});

describe("versions and scope", () => {
  it("serves every served version from one storage version, the preferred one first", async () => {
    pipeline = await crdPipeline();
    const schema = { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", properties: { size: { type: "string" } } } } } };
    const crd = cronTabCrd({
      versions: [
        { name: "v1beta1", served: true, storage: false, schema },
        { name: "v1", served: true, storage: true, schema },
        { name: "v1alpha1", served: false, storage: false, schema },
      ],
    });
    crd.spec.scope = "Cluster";
    await pipeline.admin.create(crds(), crd);
    const group = (await pipeline.admin.request("GET", "/apis/stable.example.com")) as { versions: { version: string }[]; preferredVersion: { version: string } };
    expect(group.versions.map((v) => v.version)).toEqual(["v1", "v1beta1"]);
    expect(group.preferredVersion.version).toBe("v1");
    const beta = "/apis/stable.example.com/v1beta1/crontabs";
    const created = await pipeline.admin.create(beta, { apiVersion: "stable.example.com/v1beta1", kind: "CronTab", metadata: { name: "c" }, spec: { size: "s" } });
    expect(created.apiVersion).toBe("stable.example.com/v1beta1");
    expect((await pipeline.admin.get("/apis/stable.example.com/v1/crontabs/c")).apiVersion).toBe("stable.example.com/v1");
    const stored = await pipeline.store.get({ cluster: "test", group: "stable.example.com", resource: "crontabs", namespace: "", name: "c" });
    expect(stored?.apiVersion).toBe("stable.example.com/v1");
    expect((await pipeline.raw("GET", "/apis/stable.example.com/v1alpha1/crontabs")).status).toBe(404);
  });
});

describe("the CRD sync", () => {
  it("serves a CRD written by another process once the watch delivers it, and forgets a deleted one", async () => {
    const { admin } = await withCronTabs();
    const other = await crdPipelineProcess();
    await admin.create(cronTabs(), cronTab("a"));
    await eventually(async () => expect((await other.raw("GET", cronTabs("a"))).status).toBe(200));
    await admin.delete(crds("crontabs.stable.example.com"));
    await eventually(async () => expect((await other.raw("GET", cronTabs())).status).toBe(404));
  });

  it("applies only states newer than the last one it applied", async () => {
    const { admin } = await withCronTabs();
    const other = await crdPipelineProcess();
    const current = await admin.get(crds("crontabs.stable.example.com"));
    // A late event of an older revision (here: before the CRD was established) must not undo the newer state.
    other.sync.observe({ ...current, metadata: { ...current.metadata, resourceVersion: "1" }, status: {} });
    expect((await other.raw("GET", cronTabs())).status).toBe(200);
    other.sync.observeDeleted("crontabs.stable.example.com", 2n);
    expect((await other.raw("GET", cronTabs())).status).toBe(200);
  });

  it("lists again when its watch has expired", async () => {
    const { ctx } = await withCronTabs();
    let lists = 0;
    let watches = 0;
    const store = ctx.store;
    const flaky: ObjectStore = {
      ...store,
      create: (k, o) => store.create(k, o),
      get: (k) => store.get(k),
      update: (k, o, r) => store.update(k, o, r),
      delete: (k, r) => store.delete(k, r),
      currentRevision: (c) => store.currentRevision(c),
      list: (q) => {
        lists++;
        return store.list(q);
      },
      watch: (q, from, signal) => {
        watches++;
        if (watches === 1) {
          return (async function* () {
            await Promise.resolve();
            yield* [];
            throw new ExpiredError("too old");
          })();
        }
        return store.watch(q, from, signal);
      },
    };
    const registry = new ResourceRegistry();
    const errors: unknown[] = [];
    const sync = new CrdSync({ store: flaky, registry, cluster: "test" }, { onError: (e) => errors.push(e), retryDelayMs: 1 });
    await sync.start();
    await eventually(() => expect(lists).toBe(2));
    expect(errors).toEqual([]);
    expect(registry.resolve("stable.example.com", "v1", "crontabs")?.custom?.crd).toBe("crontabs.stable.example.com");
    await sync.close();
  });
});

async function crdPipelineProcess() {
  if (!pipeline) throw new Error("no pipeline");
  return pipeline.anotherProcess();
}

async function eventually(check: () => unknown, timeoutMs = 2000): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (performance.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
