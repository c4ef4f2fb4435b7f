import { createRbacAuthorizer } from "../../../auth/rbac-authorizer";
import { ManualClock } from "../../../clock";
import { MemoryObjectStore } from "../../../store/memory-object-store";
import { ObjectCache } from "../../../store/object-cache";
import { LaggingStore } from "../../../store/testing/lagging-store";
import { trackWrites } from "../../../store/track-writes";
import { admissionCacheResources } from "../admission-cache";
import { bootstrapCluster } from "../../bootstrap-cluster";
import { InProcessClient } from "../../in-process-client";
import { rbacSourceFromStore } from "../../rbac-store-source";
import { ResourceRegistry } from "../../resources/resource-registry";
import type { ApiContext } from "../../rest/api-context";
import { serveRequest } from "../../serve-request";
import { clusterAdmission } from "../cluster-admission";

/**
 * For tests: the whole request path (routing, RBAC, the cluster's admission chain, REST, store) over an
 * in-memory store and a fixed clock, with a namespace `dev` and an admin client. `cached`: admission reads the
 * admission cache, whose change feed `feed` can hold back (as another process's writes lag behind).
 */
export async function wholePipeline(options: { cached?: boolean } = {}) {
  const clock = new ManualClock(new Date("2026-03-01T10:00:00Z"));
  const store = new MemoryObjectStore({ clock });
  const feed = new LaggingStore(store);
  const admissionCache = options.cached ? new ObjectCache({ store: feed, cluster: "test", resources: admissionCacheResources, catchUpTimeoutMs: 5_000, retryDelayMs: 10 }) : undefined;
  let uid = 0;
  let suffix = 0;
  const ctx: ApiContext = {
    store: admissionCache ? trackWrites(store, [admissionCache]) : store,
    ...(admissionCache ? { admissionCache } : {}),
    registry: new ResourceRegistry(),
    clock,
    cluster: "test",
    newUid: () => `uid-${++uid}`,
    randomSuffix: () => `b${String(++suffix).padStart(4, "0")}`,
  };
  await bootstrapCluster(ctx);
  const authorizer = createRbacAuthorizer(rbacSourceFromStore(store, ctx.cluster));
  let t = 0;
  /** An admin client of one API server process: each has its own admission chain (and in-process locks). */
  const process = () => {
    const admission = clusterAdmission(ctx, authorizer);
    const serve = (request: Parameters<typeof serveRequest>[1]) =>
      serveRequest(
        { ctx, authorizer, admission, registry: ctx.registry, serverAddress: "test:6443", authorize: (a) => authorizer.authorize(a), elapsedMs: () => ++t },
        request,
      );
    return new InProcessClient(serve, { username: "root", uid: "0", groups: ["system:masters", "system:authenticated"] });
  };
  const admin = process();
  await admin.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
  return { ctx, clock, store, feed, admin, anotherProcess: process, close: async () => admissionCache?.close() };
}

export const corePath = (plural: string, name?: string, subresource?: string) => InProcessClient.path("v1", plural, "dev", name, subresource);

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };

/** A pod in `dev` with one container per entry (name → resources). */
export function pod(name: string, containers: Record<string, Resources> = { web: {} }, extra: Record<string, unknown> = {}) {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: {
      ...extra,
      containers: Object.entries(containers).map(([c, resources]) => ({
        name: c,
        image: "nginx:1.27",
        ...(resources.requests || resources.limits ? { resources } : {}),
      })),
    },
  };
}

export function quota(name: string, hard: Record<string, string>, spec: Record<string, unknown> = {}) {
  return { apiVersion: "v1", kind: "ResourceQuota", metadata: { name }, spec: { ...spec, hard } };
}

export function limitRange(name: string, limits: Record<string, unknown>[]) {
  return { apiVersion: "v1", kind: "LimitRange", metadata: { name }, spec: { limits } };
}
