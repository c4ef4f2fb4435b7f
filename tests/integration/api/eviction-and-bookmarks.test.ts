import { describe, expect, it } from "vitest";
import { useRawApi, type RawSendOptions } from "../../support/raw-api";
import { parseStatus, statusBodyProblems } from "../../support/status-body";

// pods/eviction and watch bookmarks over real HTTPS (kubectl drain would need nodes and controllers; the
// eviction itself is what it sends). PodDisruptionBudgets are not served, so no eviction gets 429.

const ns = "evict";
const raw = useRawApi({ adminEmail: "admin@evict.test", namespace: ns });
const send = (method: string, path: string, options: RawSendOptions = {}) => raw.send(method, path, { timeoutMs: 20_000, ...options });

const pods = `/api/v1/namespaces/${ns}/pods`;
const pod = (name: string, nodeName?: string) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name },
  spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: "c", image: "nginx:1.27" }] },
});
const eviction = (name: string, deleteOptions?: unknown) => ({
  apiVersion: "policy/v1",
  kind: "Eviction",
  metadata: { name, namespace: ns },
  ...(deleteOptions ? { deleteOptions } : {}),
});
const evict = (name: string, body: unknown = eviction(name), query = "", token?: string) =>
  send("POST", `${pods}/${name}/eviction${query}`, { body, ...(token ? { token } : {}) });

describe("pods/eviction", () => {
  it("deletes the pod and answers 201 with a Success Status", async () => {
    expect((await send("POST", pods, { body: pod("web") })).status).toBe(201);
    const res = await evict("web");
    expect(res.status).toBe(201);
    expect(JSON.parse(res.text)).toEqual({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 });
    expect((await send("GET", `${pods}/web`)).status).toBe(404);
  });

  it("honours the Eviction's deleteOptions: grace period, preconditions, dry run", async () => {
    expect((await send("POST", pods, { body: pod("bound", "node-1") })).status).toBe(201);
    // A pod on a node gets its grace period: marked, not gone.
    expect((await evict("bound")).status).toBe(201);
    const marked = JSON.parse((await send("GET", `${pods}/bound`)).text) as { metadata: { deletionTimestamp?: string; deletionGracePeriodSeconds?: number } };
    expect(marked.metadata.deletionTimestamp).toBeDefined();
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(30);

    const created = JSON.parse((await send("POST", pods, { body: pod("now", "node-1") })).text) as { metadata: { uid: string } };
    const stale = await evict("now", eviction("now", { preconditions: { uid: "not-the-uid" } }));
    expect(stale.status).toBe(409);
    expect(statusBodyProblems(409, stale.text)).toEqual([]);
    expect((await evict("now", eviction("now", { dryRun: ["All"], gracePeriodSeconds: 0 }))).status).toBe(201);
    expect((await send("GET", `${pods}/now`)).status).toBe(200);
    expect((await evict("now", eviction("now", { gracePeriodSeconds: 0, preconditions: { uid: created.metadata.uid } }))).status).toBe(201);
    expect((await send("GET", `${pods}/now`)).status).toBe(404);
  });

  it("answers 404 for a pod that does not exist and 400 for a mismatched name, in Kubernetes' words", async () => {
    const missing = await evict("nope");
    expect(missing.status).toBe(404);
    expect(parseStatus(missing.text).message).toBe('pods "nope" not found');
    expect((await send("POST", pods, { body: pod("named") })).status).toBe(201);
    const mismatch = await evict("named", eviction("other"));
    expect(mismatch.status).toBe(400);
    expect(parseStatus(mismatch.text).message).toBe("name in URL does not match name in Eviction object");
    // A dry run asked for in both places must agree (Kubernetes answers this one with a 500; a 400 here).
    expect((await evict("named", eviction("named", { dryRun: ["All"] }), "?dryRun=All")).status).toBe(201);
    const disagreeing = await evict("named", eviction("named", { dryRun: ["Some"] }), "?dryRun=All");
    expect(disagreeing.status).toBe(400);
    expect(parseStatus(disagreeing.text).message).toBe("Non-matching dry-run options in request and content: [All] and [Some]");
    expect((await send("GET", `${pods}/named`)).status).toBe(200);
  });

  it("needs create on pods/eviction", async () => {
    const viewer = await raw.server.user("viewer@evict.test", "LEARNER");
    const binding = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "viewer" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
      subjects: [{ kind: "User", name: viewer.email }],
    };
    expect((await send("POST", `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`, { body: binding })).status).toBe(201);
    const denied = await evict("named", eviction("named"), "", viewer.token);
    expect(denied.status).toBe(403);
    expect(parseStatus(denied.text).message).toBe(
      `pods "named" is forbidden: User "viewer@evict.test" cannot create resource "pods/eviction" in API group "" in the namespace "${ns}"`,
    );
  });
});

type WatchLine = { type: string; object: { kind?: string; apiVersion?: string; metadata: { name?: string; resourceVersion?: string } } };

describe("watch bookmarks", () => {
  it("arrive on the wire with the revision the watch has caught up to", async () => {
    raw.server.running.api.ctx.watchBookmarkIntervalMs = 300;
    const configmaps = `/api/v1/namespaces/${ns}/configmaps`;
    const cm = (name: string, app: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels: { app } } });
    expect((await send("POST", configmaps, { body: cm("shown", "web") })).status).toBe(201);
    const watching = send("GET", `${configmaps}?watch=true&allowWatchBookmarks=true&labelSelector=app%3Dweb&timeoutSeconds=3`, { timeoutMs: 10_000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const hidden = JSON.parse((await send("POST", configmaps, { body: cm("hidden", "db") })).text) as { metadata: { resourceVersion: string } };
    const res = await watching;
    expect(res.status).toBe(200);
    const lines = res.text.split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line) as WatchLine);
    expect(lines[0]).toMatchObject({ type: "ADDED", object: { metadata: { name: "shown" } } });
    expect(lines.some((l) => l.object.metadata.name === "hidden")).toBe(false);
    expect(lines).toContainEqual({
      type: "BOOKMARK",
      object: { kind: "ConfigMap", apiVersion: "v1", metadata: { resourceVersion: hidden.metadata.resourceVersion } },
    });
    // No bookmarks without asking.
    const plain = await send("GET", `${configmaps}?watch=true&timeoutSeconds=1`, { timeoutMs: 10_000 });
    expect(plain.text).not.toContain("BOOKMARK");
  });

  it("refuse sendInitialEvents as a server with the WatchList feature off does, for watch and list", async () => {
    const configmaps = `/api/v1/namespaces/${ns}/configmaps`;
    const watch = await send("GET", `${configmaps}?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`);
    expect(watch.status).toBe(422);
    expect(parseStatus(watch.text).message).toBe(
      'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled',
    );
    const list = await send("GET", `${configmaps}?sendInitialEvents=false`);
    expect(list.status).toBe(422);
    expect(parseStatus(list.text).message).toBe('ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list');
  });
});
