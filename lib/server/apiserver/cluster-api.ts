import { randomInt, randomUUID } from "node:crypto";
import type pg from "pg";
import { clusterAdmission } from "@/lib/cluster/api/admission/cluster-admission";
import type { ApiRequest, ApiResponse } from "@/lib/cluster/api/api-request";
import { rbacSourceFromStore } from "@/lib/cluster/api/rbac-store-source";
import { ResourceRegistry } from "@/lib/cluster/api/resources/resource-registry";
import { nameSuffixAlphabet, type ApiContext } from "@/lib/cluster/api/rest/api-context";
import { serveRequest, type AuditRecord } from "@/lib/cluster/api/serve-request";
import { createRbacAuthorizer } from "@/lib/cluster/auth/rbac-authorizer";
import type { UserInfo } from "@/lib/cluster/auth/user-info";
import type { Clock } from "@/lib/cluster/clock";
import { PostgresObjectStore } from "../store/postgres-object-store";
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
};

const wallClock: Clock = { now: () => new Date() };

export function createClusterApi(options: ClusterApiOptions): ClusterApi {
  const clock = options.clock ?? wallClock;
  const store = new PostgresObjectStore({ pool: options.pool, clock, onError: (e) => options.onError(e, "store") });
  const ctx: ApiContext = {
    store,
    registry: new ResourceRegistry(),
    clock,
    cluster: options.cluster ?? DEFAULT_CLUSTER,
    newUid: randomUUID,
    randomSuffix: () => Array.from({ length: 5 }, () => nameSuffixAlphabet[randomInt(nameSuffixAlphabet.length)]).join(""),
  };
  const openApi = openApiProvider(ctx.registry);
  const authorizer = createRbacAuthorizer(rbacSourceFromStore(store, ctx.cluster));
  const admission = clusterAdmission(ctx, authorizer);
  const serve = (request: ApiRequest) =>
    serveRequest(
      {
        ctx,
        authorizer,
        admission,
        registry: ctx.registry,
        serverAddress: options.serverAddress,
        openApi,
        authorize: (attributes) => authorizer.authorize(attributes),
        ...(options.audit ? { audit: options.audit } : {}),
        elapsedMs: () => performance.now(),
        onInternalError: (error) => options.onError(error, `${request.method} ${request.path}`),
      },
      request,
    );
  return { ctx, store, serve, close: () => store.close() };
}
