import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApiServer, type TestApiServer, type TestUser } from "../../support/api-server";
import { rawClient, type RawClient, type RawResponse } from "../../support/raw-https";
import { parseStatus, statusBodyProblems } from "../../support/status-body";

// managedFields and server-side apply over raw HTTPS: who owns what after creates, updates, patches, applies and
// subresource writes, and the exact Status bodies Kubernetes answers apply mistakes and conflicts with.

const ns = "ssa-api";
const cms = `/api/v1/namespaces/${ns}/configmaps`;
const deployments = `/apis/apps/v1/namespaces/${ns}/deployments`;
const APPLY = "application/apply-patch+yaml";

let server: TestApiServer;
let admin: TestUser;
let client: RawClient;

beforeAll(async () => {
  server = await startTestApiServer();
  admin = await server.user("admin@ssa-api.test", "ADMIN");
  client = rawClient(server);
  expect((await send("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } })).status).toBe(201);
}, 120_000);

afterAll(async () => {
  client?.close();
  await server?.stop();
});

type Entry = { manager: string; operation: string; apiVersion: string; time: string; fieldsType: string; fieldsV1: unknown; subresource?: string };
type Obj = { metadata: { managedFields?: Entry[]; labels?: Record<string, string> }; data?: Record<string, string>; spec?: Record<string, unknown> };

async function send(method: string, path: string, body?: unknown, options: { contentType?: string; userAgent?: string } = {}): Promise<RawResponse> {
  const text = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  const result = await client.send({
    method,
    path,
    token: admin.token,
    headers: {
      ...(text !== undefined ? { "content-type": options.contentType ?? "application/json" } : {}),
      ...(options.userAgent ? { "user-agent": options.userAgent } : {}),
    },
    ...(text !== undefined ? { body: text } : {}),
  });
  if (result.kind === "failure") throw new Error(`${method} ${path}: ${result.error}`);
  return result;
}

async function object(pending: Promise<RawResponse>, code = 200): Promise<Obj> {
  const res = await pending;
  expect(res.status, res.text).toBe(code);
  return JSON.parse(res.text) as Obj;
}

function status(res: RawResponse, code: number) {
  expect(res.status, res.text).toBe(code);
  expect(statusBodyProblems(res.status, res.text)).toEqual([]);
  return parseStatus(res.text);
}

const cm = (name: string, data: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, ...extra },
  data,
});
const apply = (path: string, manager: string | undefined, body: unknown, query = "") =>
  send("PATCH", `${path}?${manager ? `fieldManager=${manager}` : ""}${query}`, body, { contentType: APPLY });
const owners = (o: Obj) => (o.metadata.managedFields ?? []).map((e) => `${e.manager}/${e.operation}${e.subresource ? `/${e.subresource}` : ""}`);
const fieldsOf = (o: Obj, manager: string) => o.metadata.managedFields?.find((e) => e.manager === manager)?.fieldsV1;

describe("managedFields on writes", () => {
  it("records the creator: fieldManager, else the User-Agent's first part, else unknown", async () => {
    const created = await object(send("POST", `${cms}?fieldManager=creator`, cm("c1", { a: "1" }, { labels: { app: "x" } })), 201);
    const time = created.metadata.managedFields?.[0]?.time;
    expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(created.metadata.managedFields).toEqual([
      {
        manager: "creator",
        operation: "Update",
        apiVersion: "v1",
        time,
        fieldsType: "FieldsV1",
        fieldsV1: { "f:data": { ".": {}, "f:a": {} }, "f:metadata": { "f:labels": { ".": {}, "f:app": {} } } },
      },
    ]);
    const byAgent = await object(send("POST", cms, cm("c2", { a: "1" }), { userAgent: "my-tool/1.2.3 (linux/amd64) x/y" }), 201);
    expect(owners(byAgent)).toEqual(["my-tool/Update"]);
    expect(owners(await object(send("POST", cms, cm("c3", { a: "1" })), 201))).toEqual(["unknown/Update"]);
  });

  it("moves changed fields to the writer, drops removed ones, and leaves a no-op write alone", async () => {
    await object(send("POST", `${cms}?fieldManager=creator`, cm("c4", { a: "1", b: "1" })), 201);
    const updated = await object(send("PUT", `${cms}/c4?fieldManager=editor`, cm("c4", { a: "2", c: "1" })));
    expect(fieldsOf(updated, "creator")).toEqual({ "f:data": {} });
    expect(fieldsOf(updated, "editor")).toEqual({ "f:data": { "f:a": {}, "f:c": {} } });
    const again = await object(send("PATCH", `${cms}/c4?fieldManager=third`, { data: { a: "2" } }, { contentType: "application/merge-patch+json" }));
    expect(owners(again)).toEqual(["creator/Update", "editor/Update"]);
  });

  it("clears managedFields on [{}] but keeps them when a client sends [] or leaves them out", async () => {
    await object(send("POST", `${cms}?fieldManager=creator`, cm("c5", { a: "1" })), 201);
    const merge = { contentType: "application/merge-patch+json" };
    const kept = await object(send("PATCH", `${cms}/c5`, { metadata: { managedFields: [] } }, merge));
    expect(owners(kept)).toEqual(["creator/Update"]);
    const cleared = await object(send("PATCH", `${cms}/c5`, { metadata: { managedFields: [{}] } }, merge));
    expect(cleared.metadata.managedFields).toBeUndefined();
    // A reset together with a change: the writer owns just what it changed.
    const reset = await object(send("PATCH", `${cms}/c5?fieldManager=w`, { metadata: { managedFields: [{}] }, data: { b: "2" } }, merge));
    expect(reset.metadata.managedFields?.map((e) => [e.manager, e.fieldsV1])).toEqual([["w", { "f:data": { "f:b": {} } }]]);
  });

  it("records subresource writes with their subresource", async () => {
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { replicas: 1, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
    };
    await object(send("POST", `${deployments}?fieldManager=creator`, deployment), 201);
    const scaled = await object(
      send("PATCH", `${deployments}/web/scale?fieldManager=scaler`, { spec: { replicas: 4 } }, { contentType: "application/merge-patch+json" }),
    );
    expect(scaled).toMatchObject({ kind: "Scale", spec: { replicas: 4 } });
    const live = await object(send("GET", `${deployments}/web`));
    expect(live.metadata.managedFields?.find((e) => e.manager === "scaler")).toMatchObject({
      operation: "Update",
      apiVersion: "apps/v1",
      subresource: "scale",
      fieldsV1: { "f:spec": { "f:replicas": {} } },
    });
    const withStatus = { ...live, status: { observedGeneration: 9 } };
    const statusWrite = await object(send("PUT", `${deployments}/web/status?fieldManager=controller`, withStatus));
    expect(statusWrite.metadata.managedFields?.find((e) => e.manager === "controller")).toMatchObject({
      subresource: "status",
      fieldsV1: { "f:status": { "f:observedGeneration": {} } },
    });
  });
});

describe("server-side apply", () => {
  it("refuses an apply without fieldManager, force on other patches, and configurations for another object", async () => {
    const noManager = status(await apply(cms + "/x", undefined, cm("x", { a: "1" })), 422);
    expect(noManager).toMatchObject({
      reason: "Invalid",
      message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      details: { group: "meta.k8s.io", kind: "PatchOptions", causes: [{ reason: "FieldValueRequired", field: "fieldManager" }] },
    });
    const forced = status(await send("PATCH", `${cms}/x?force=true`, { data: {} }, { contentType: "application/merge-patch+json" }), 422);
    expect(forced.message).toBe('PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
    expect(status(await apply(cms + "/x", "m", { ...cm("x", {}), apiVersion: "apps/v1" }), 400).message).toBe("invalid object type: apps/v1, Kind=ConfigMap");
    expect(status(await apply(cms + "/x", "m", { ...cm("x", {}), kind: "Secret" }), 400).message).toBe("invalid object type: /v1, Kind=Secret");
    expect(status(await apply(cms + "/x", "m", cm("y", {})), 400).message).toBe("the name of the object (y) does not match the name on the URL (x)");
    expect(status(await apply(cms + "/x", "m", cm("x", {}, { managedFields: [] })), 400).message).toBe("metadata.managedFields must be nil");
    const tooLong = status(await send("POST", `${cms}?fieldManager=${"x".repeat(129)}`, cm("x", {})), 422);
    expect(tooLong.message).toBe('CreateOptions.meta.k8s.io "" is invalid: fieldManager: Too long: may not be more than 128 bytes');
  });

  it("creates with an Apply entry, shares equal values, and conflicts on different ones unless forced", async () => {
    const created = await object(apply(`${cms}/s1`, "alice", cm("s1", { x: "1", y: "1" })));
    expect(created.metadata.managedFields).toMatchObject([{ manager: "alice", operation: "Apply", apiVersion: "v1", fieldsV1: { "f:data": { "f:x": {}, "f:y": {} } } }]);
    expect(created.metadata.managedFields?.[0]).not.toHaveProperty("subresource");

    // Same value: no conflict, both own it.
    const shared = await object(apply(`${cms}/s1`, "bob", cm("s1", { x: "1" })));
    expect(owners(shared)).toEqual(["alice/Apply", "bob/Apply"]);

    const conflict = status(await apply(`${cms}/s1`, "carol", cm("s1", { x: "2" })), 409);
    expect(conflict).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'Apply failed with 2 conflicts: conflicts with "alice":\n- .data.x\nconflicts with "bob":\n- .data.x',
      reason: "Conflict",
      details: {
        causes: [
          { reason: "FieldManagerConflict", message: 'conflict with "alice"', field: ".data.x" },
          { reason: "FieldManagerConflict", message: 'conflict with "bob"', field: ".data.x" },
        ],
      },
      code: 409,
    });

    const forced = await object(apply(`${cms}/s1`, "carol", cm("s1", { x: "2" }), "&force=true"));
    expect(forced.data).toEqual({ x: "2", y: "1" });
    expect(fieldsOf(forced, "alice")).toEqual({ "f:data": { "f:y": {} } });
    expect(fieldsOf(forced, "bob")).toBeUndefined();
    expect(fieldsOf(forced, "carol")).toEqual({ "f:data": { "f:x": {} } });
  });

  it("conflicts with an updater by name and API version", async () => {
    await object(send("POST", `${cms}?fieldManager=kubectl-client-side-apply`, cm("s2", { x: "1" })), 201);
    const conflict = status(await apply(`${cms}/s2`, "ci", cm("s2", { x: "2" })), 409);
    expect(conflict.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .data.x');
    expect(conflict.details?.causes).toEqual([{ reason: "FieldManagerConflict", message: 'conflict with "kubectl-client-side-apply" using v1', field: ".data.x" }]);
  });

  it("removes fields the applier stopped setting unless another manager owns them", async () => {
    await object(apply(`${cms}/s3`, "alice", cm("s3", { keep: "1", drop: "1", both: "1" }, { labels: { a: "1", b: "1" } })));
    await object(apply(`${cms}/s3`, "bob", cm("s3", { both: "1" })));
    const pruned = await object(apply(`${cms}/s3`, "alice", cm("s3", { keep: "1" }, { labels: { a: "1" } })));
    expect(pruned.data).toEqual({ keep: "1", both: "1" });
    expect(pruned.metadata.labels).toEqual({ a: "1" });
    const empty = await object(apply(`${cms}/s3`, "alice", cm("s3", {})));
    expect(empty.data).toEqual({ both: "1" });
    expect(empty.metadata.labels).toBeUndefined();
  });

  it("merges keyed lists item by item and keeps items another manager added", async () => {
    const deployment = (containers: unknown[]) => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "lists" },
      spec: { selector: { matchLabels: { app: "l" } }, template: { metadata: { labels: { app: "l" } }, spec: { containers } } },
    });
    await object(apply(`${deployments}/lists`, "base", deployment([{ name: "web", image: "nginx", ports: [{ containerPort: 80 }] }])));
    const sidecar = await object(apply(`${deployments}/lists`, "mesh", deployment([{ name: "proxy", image: "envoy" }])));
    const names = (o: Obj) => ((o.spec?.template as { spec: { containers: { name: string; image: string }[] } }).spec.containers).map((c) => `${c.name}=${c.image}`);
    expect(names(sidecar)).toEqual(["web=nginx", "proxy=envoy"]);
    const meshFields = fieldsOf(sidecar, "mesh") as Record<string, unknown>;
    expect(JSON.stringify(meshFields)).toContain('"k:{\\"name\\":\\"proxy\\"}":{".":{},"f:image":{},"f:name":{}}');
    const changed = await object(apply(`${deployments}/lists`, "base", deployment([{ name: "web", image: "nginx:2", ports: [{ containerPort: 80 }] }])));
    expect(names(changed)).toEqual(["web=nginx:2", "proxy=envoy"]);
    const missingKey = status(await apply(`${deployments}/lists`, "base", deployment([{ image: "x" }])), 400);
    expect(missingKey.message).toBe(
      `failed to create typed patch object (${ns}/lists; apps/v1, Kind=Deployment): .spec.template.spec.containers: element 0: associative list with keys has an element that omits key field "name" (and doesn't have default value)`,
    );
  });

  it("answers a dry run with the managedFields it would store, and stores nothing", async () => {
    const dry = await object(apply(`${cms}/s4`, "alice", cm("s4", { x: "1" }), "&dryRun=All"));
    expect(owners(dry)).toEqual(["alice/Apply"]);
    expect((await send("GET", `${cms}/s4`)).status).toBe(404);
  });
});

describe("server-side apply through subresources", () => {
  const deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "sub" },
    spec: { replicas: 2, selector: { matchLabels: { app: "sub" } }, template: { metadata: { labels: { app: "sub" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
  };

  it("applies a Scale to /scale, owning spec.replicas through it", async () => {
    await object(apply(`${deployments}/sub`, "owner", deployment));
    const scale = { apiVersion: "autoscaling/v1", kind: "Scale", metadata: { name: "sub" }, spec: { replicas: 6 } };
    expect(status(await apply(`${deployments}/sub/scale`, "hpa", { ...scale, kind: "Deployment" }), 400).message).toBe(
      "invalid object type: autoscaling/v1, Kind=Deployment",
    );
    const conflict = status(await apply(`${deployments}/sub/scale`, "hpa", scale), 409);
    expect(conflict.message).toBe('Apply failed with 1 conflict: conflict with "owner": .spec.replicas');
    expect(await object(apply(`${deployments}/sub/scale`, "hpa", scale, "&force=true"))).toMatchObject({ kind: "Scale", spec: { replicas: 6 } });
    const live = await object(send("GET", `${deployments}/sub`));
    expect(live.spec?.replicas).toBe(6);
    expect(live.metadata.managedFields?.find((e) => e.manager === "hpa")).toMatchObject({
      operation: "Apply",
      apiVersion: "apps/v1",
      subresource: "scale",
      fieldsV1: { "f:spec": { "f:replicas": {} } },
    });
  });

  it("applies status through /status without touching the spec", async () => {
    const applied = await object(
      apply(`${deployments}/sub/status`, "controller", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "sub" }, spec: { replicas: 1 }, status: { observedGeneration: 7 } }),
    );
    expect(applied.spec?.replicas).toBe(6);
    expect(applied.metadata.managedFields?.find((e) => e.manager === "controller")).toMatchObject({
      operation: "Apply",
      subresource: "status",
      fieldsV1: { "f:status": { "f:observedGeneration": {} } },
    });
  });
});
