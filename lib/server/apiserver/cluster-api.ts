import { randomInt, randomUUID } from "node:crypto";
import type pg from "pg";
import { admissionCacheResources } from "@/lib/cluster/api/admission/admission-cache";
import { clusterAdmission } from "@/lib/cluster/api/admission/cluster-admission";
import { startCrdSync } from "@/lib/cluster/api/crd/start-crd-sync";
import type { ApiRequest, ApiResponse } from "@/lib/cluster/api/api-request";
import { ResourceRegistry } from "@/lib/cluster/api/resources/resource-registry";
import { nameSuffixAlphabet, type ApiContext } from "@/lib/cluster/api/rest/api-context";
import { serveRequest, type AuditRecord } from "@/lib/cluster/api/serve-request";
import { createRbacAuthorizer } from "@/lib/cluster/auth/rbac-authorizer";
import { RbacCache } from "@/lib/cluster/auth/rbac-cache";
import type { UserInfo } from "@/lib/cluster/auth/user-info";
import type { Clock } from "@/lib/cluster/clock";
import { ObjectCache } from "@/lib/cluster/store/object-cache";
import { trackWrites } from "@/lib/cluster/store/track-writes";
import type { ServiceAccountTokenIssuer } from "@/lib/cluster/auth/service-account-token";
import { PostgresObjectStore } from "../store/postgres-object-store";
import { apiHealthChecks } from "./health";
import { openApiProvider } from "./openapi-provider";

export const DEFAULT_CLUSTER = "default";

/** The identity of the platform's own components (lab checker, controllers): the cluster's superuser. */
export const platformUser: UserInfo = {
  username: "system:kubeclass:platform",
  uid: "kubeclass-platform",
  groups: ["system:masters", "system:authenticated"],
};

export type ClusterApi = {
  ctx: ApiContext;
  store: PostgresObjectStore;
  /** Every request, from HTTPS or in-process, goes through here: authorise → admit → store. */
  serve(request: ApiRequest): Promise<ApiResponse>;
  close(): Promise<void>;
};

export type ClusterApiOptions = {
  pool: pg.Pool;
  serverAddress: string;
  clock?: Clock;
  cluster?: string;
  audit?: (record: AuditRecord) => void;
  onError: (error: unknown, context: string) => void;
  /** Signs service account tokens (serviceaccounts/token); without it TokenRequest is not served. */
  tokenIssuer?: ServiceAccountTokenIssuer;
};

const wallClock: Clock = { now: () => new Date() };

export function createClusterApi(options: ClusterApiOptions): ClusterApi {
  const clock = options.clock ?? wallClock;
  const store = new PostgresObjectStore({ pool: options.pool, clock, onError: (e) => options.onError(e, "store") });
  const cluster = options.cluster ?? DEFAULT_CLUSTER;
  // RBAC reads come from memory, kept current by the change feed; this process's own RBAC writes count for
  // its next request (another process's arrive with the feed's latency: see rbac-cache.ts).
  const rbac = new RbacCache({ store, cluster, onError: (e) => options.onError(e, "rbac cache") });
  // Likewise the namespaces, quotas and LimitRanges admission reads on every create (admission-cache.ts).
  const admissionCache = new ObjectCache({ store, cluster, resources: admissionCacheResources, onError: (e) => options.onError(e, "admission cache") });
  const ctx: ApiContext = {
    store: trackWrites(store, [rbac, admissionCache]),
    admissionCache,
    registry: new ResourceRegistry(),
    clock,
    cluster,
    newUid: randomUUID,
    randomSuffix: () => Array.from({ length: 5 }, () => nameSuffixAlphabet[randomInt(nameSuffixAlphabet.length)]).join(""),
  };
  const openApi = openApiProvider(ctx.registry);
  const authorizer = createRbacAuthorizer(rbac);
  const admission = clusterAdmission(ctx, authorizer);
  const health = apiHealthChecks(options.pool);
  // Custom resource types come from the CRDs in the store; every process follows them (crd/crd-sync.ts).
  const crds = startCrdSync(ctx, (e) => options.onError(e, "crd sync"));
  let crdsListed = false;
  void crds.ready.then(() => (crdsListed = true));
  const serve = async (request: ApiRequest) => {
    // Until the CRDs are listed a custom type would read as unknown; wait for that, though not forever if the
    // store is away (the request then fails on the store like any other).
    if (!crdsListed) await Promise.race([crds.ready, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
    return serveRequest(
      {
        ctx,
        crds: crds.sync,
        authorizer,
        admission,
        registry: ctx.registry,
        serverAddress: options.serverAddress,
        openApi,
        health,
        ...(options.tokenIssuer ? { tokenIssuer: options.tokenIssuer } : {}),
        authorize: (attributes) => authorizer.authorize(attributes),
        ...(options.audit ? { audit: options.audit } : {}),
        elapsedMs: () => performance.now(),
        onInternalError: (error) => options.onError(error, `${request.method} ${request.path}`),
      },
      request,
    );
  };
  const close = async () => {
    await crds.sync.close();
    await rbac.close();
    await admissionCache.close();
    await store.close();
  };
  return { ctx, store, serve, close };
}
