import { describe, expect, it } from "vitest";
import { ManualClock } from "../../clock";
import { MemoryObjectStore } from "../../store/memory-object-store";
import type { ApiRequest } from "../api-request";
import { ResourceRegistry } from "../resources/resource-registry";
import { ApiError } from "../status";
import type { ApiContext } from "./api-context";
import { createObject } from "./create-object";
import { buildMatcher } from "./selection";
import type { Target } from "./target";
import { checkWatchRequest, watchEvents } from "./watch-events";
import { wantsBookmarks } from "./watch-bookmarks";

type Event = { type: string; object: { kind?: string; apiVersion?: string; metadata: { name?: string; resourceVersion?: string } } };

function setup(intervalMs: number) {
  let uid = 0;
  const ctx: ApiContext = {
    store: new MemoryObjectStore(),
    registry: new ResourceRegistry(),
    clock: new ManualClock(),
    cluster: "test",
    newUid: () => `uid-${++uid}`,
    randomSuffix: () => "abcde",
    watchBookmarkIntervalMs: intervalMs,
  };
  const type = ctx.registry.resolve("", "v1", "configmaps")!;
  const target: Target = { type, namespace: "ns", name: "", subresource: "" };
  const namespaces: Target = { type: ctx.registry.resolve("", "v1", "namespaces")!, namespace: "", name: "", subresource: "" };
  const namespace = createObject(ctx, namespaces, { apiVersion: "v1", kind: "Namespace", metadata: { name: "ns" } });
  const configMap = async (name: string, labels: Record<string, string>) => {
    await namespace;
    return createObject(ctx, target, { apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels } }, { dryRun: false });
  };
  const watch = (query: string) => {
    const abort = new AbortController();
    const request: ApiRequest = {
      user: { username: "u", uid: "", groups: [] },
      method: "GET",
      path: "/api/v1/namespaces/ns/configmaps",
      query: new URLSearchParams(query),
      accept: "application/json",
      contentType: "",
      signal: abort.signal,
    };
    const iterator = watchEvents(ctx, target, request, buildMatcher(type, request.query))[Symbol.asyncIterator]();
    const next = async (withinMs: number): Promise<Event | "quiet"> => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const quiet = new Promise<"quiet">((resolve) => (timer = setTimeout(() => resolve("quiet"), withinMs)));
      const result = await Promise.race([iterator.next(), quiet]);
      clearTimeout(timer);
      if (result === "quiet") return result;
      return result.done ? "quiet" : (result.value as Event);
    };
    return { next, iterator, abort };
  };
  return { ctx, configMap, watch };
}

describe("watch bookmarks", () => {
  it("carry the revision a selector-filtered watch has caught up to, in Kubernetes' shape", async () => {
    const { configMap, watch } = setup(40);
    await configMap("shown", { app: "web" });
    const w = watch("watch=true&allowWatchBookmarks=true&labelSelector=app%3Dweb");
    expect(await w.next(1000)).toMatchObject({ type: "ADDED", object: { metadata: { name: "shown" } } });
    // A change the selector filters out still moves the watch forward; the next bookmark says so.
    const hidden = await configMap("hidden", { app: "db" });
    let event = await w.next(1000);
    while (event !== "quiet" && event.object.metadata.resourceVersion !== hidden.metadata.resourceVersion) event = await w.next(1000);
    expect(event).toEqual({
      type: "BOOKMARK",
      object: { kind: "ConfigMap", apiVersion: "v1", metadata: { resourceVersion: hidden.metadata.resourceVersion } },
    });
    // A matching change arrives as itself, and bookmarks after it carry its revision.
    const later = await configMap("later", { app: "web" });
    expect(await w.next(1000)).toMatchObject({ type: "ADDED", object: { metadata: { name: "later" } } });
    expect(await w.next(1000)).toMatchObject({ type: "BOOKMARK", object: { metadata: { resourceVersion: later.metadata.resourceVersion } } });
    w.abort.abort();
  });

  it("are sent only to watches that allow them", async () => {
    const { configMap, watch } = setup(20);
    await configMap("one", {});
    const w = watch("watch=true");
    expect(await w.next(1000)).toMatchObject({ type: "ADDED" });
    expect(await w.next(200)).toBe("quiet");
    w.abort.abort();
  });

  it("come once more just before the watch times out", async () => {
    const { configMap, watch } = setup(60_000);
    const created = await configMap("one", {});
    const started = performance.now();
    const w = watch("watch=true&allowWatchBookmarks=true&timeoutSeconds=3");
    expect(await w.next(1000)).toMatchObject({ type: "ADDED" });
    expect(await w.next(2500)).toEqual({
      type: "BOOKMARK",
      object: { kind: "ConfigMap", apiVersion: "v1", metadata: { resourceVersion: created.metadata.resourceVersion } },
    });
    // Two seconds before the three-second deadline, not a minute in.
    expect(performance.now() - started).toBeGreaterThan(900);
    expect(await w.next(3000)).toBe("quiet");
  });

  it("let a client stop reading between bookmarks without the stream hanging", async () => {
    const { configMap, watch } = setup(20);
    await configMap("one", {});
    const w = watch("watch=true&allowWatchBookmarks=true");
    expect(await w.next(1000)).toMatchObject({ type: "ADDED" });
    expect(await w.next(1000)).toMatchObject({ type: "BOOKMARK" });
    const closed = await Promise.race([w.iterator.return(undefined), new Promise((resolve) => setTimeout(() => resolve("hung"), 1000))]);
    expect(closed).toEqual({ done: true, value: undefined });
  });

  it("read allowWatchBookmarks as Kubernetes reads a boolean parameter", () => {
    for (const yes of ["true", "1", "True", "yes", ""]) expect(wantsBookmarks(new URLSearchParams({ allowWatchBookmarks: yes }))).toBe(true);
    for (const no of ["false", "FALSE", "0"]) expect(wantsBookmarks(new URLSearchParams({ allowWatchBookmarks: no }))).toBe(false);
    expect(wantsBookmarks(new URLSearchParams())).toBe(false);
  });
});

describe("streaming lists (sendInitialEvents) with the WatchList feature off", () => {
  const refusal = (query: string) => {
    try {
      checkWatchRequest(new URLSearchParams(query));
    } catch (error) {
      if (error instanceof ApiError) return { code: error.code, message: error.message };
      throw error;
    }
    return undefined;
  };

  it("refuses sendInitialEvents on a watch, true or false, in Kubernetes' words", () => {
    expect(refusal("watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true")).toEqual({
      code: 422,
      message:
        'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled',
    });
    expect(refusal("watch=true&sendInitialEvents=false")).toEqual({
      code: 422,
      message:
        'ListOptions.meta.k8s.io "" is invalid: [resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan, ' +
        "sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled]",
    });
    expect(refusal("watch=true&resourceVersionMatch=Exact")).toEqual({
      code: 422,
      message:
        'ListOptions.meta.k8s.io "" is invalid: [resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided, ' +
        'resourceVersionMatch: Unsupported value: "Exact": supported values: "NotOlderThan"]',
    });
    expect(refusal("watch=true&allowWatchBookmarks=true")).toBeUndefined();
  });
});
