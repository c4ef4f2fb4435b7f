import { createRbacAuthorizer } from "../../../auth/rbac-authorizer";
import { ManualClock } from "../../../clock";
import { MemoryObjectStore } from "../../../store/memory-object-store";
import { chainAdmission } from "../../admission";
import type { ApiRequest, ApiResponse } from "../../api-request";
import { bootstrapCluster } from "../../bootstrap-cluster";
import { InProcessClient } from "../../in-process-client";
import { rbacSourceFromStore } from "../../rbac-store-source";
import { ResourceRegistry } from "../../resources/resource-registry";
import type { ApiContext } from "../../rest/api-context";
import { serveRequest } from "../../serve-request";
import { openApiWithCrds } from "../openapi-with-crds";
import { startCrdSync } from "../start-crd-sync";

/**
 * For tests: API server processes over one in-memory store, each with its own registry fed by its own CRD
 * sync (as the web server and the worker are), and a raw `serve` for checking statuses and headers.
 */
export async function crdPipeline() {
  const clock = new ManualClock(new Date("2026-03-01T10:00:00Z"));
  const store = new MemoryObjectStore({ clock });
  let uid = 0;
  const errors: unknown[] = [];
  const processes: { close(): Promise<void> }[] = [];

  const process = async () => {
    const ctx: ApiContext = {
      store,
      registry: new ResourceRegistry(),
      clock,
      cluster: "test",
      newUid: () => `uid-${++uid}`,
      randomSuffix: () => "x2b4z",
    };
    const crds = startCrdSync(ctx, (e) => errors.push(e));
    await crds.ready;
    processes.push(crds.sync);
    const authorizer = createRbacAuthorizer(rbacSourceFromStore(store, ctx.cluster));
    const openApi = openApiWithCrds(ctx.registry);
    let t = 0;
    const serve = (request: ApiRequest): Promise<ApiResponse> =>
      serveRequest(
        {
          ctx,
          authorizer,
          admission: chainAdmission(),
          crds: crds.sync,
          registry: ctx.registry,
          openApi,
          serverAddress: "test:6443",
          authorize: (a) => authorizer.authorize(a),
          elapsedMs: () => ++t,
        },
        request,
      );
    const admin = new InProcessClient(serve, { username: "root", uid: "0", groups: ["system:masters", "system:authenticated"] });
    const raw = (method: string, path: string, options: { body?: unknown; contentType?: string; accept?: string; query?: Record<string, string> } = {}) =>
      serve({
        user: admin.user,
        method,
        path,
        query: new URLSearchParams(options.query ?? {}),
        accept: options.accept ?? "application/json",
        contentType: options.contentType ?? "application/json",
        ...(options.body !== undefined ? { body: new TextEncoder().encode(typeof options.body === "string" ? options.body : JSON.stringify(options.body)) } : {}),
        signal: new AbortController().signal,
      });
    return { ctx, admin, raw, sync: crds.sync };
  };

  const first = await process();
  await bootstrapCluster(first.ctx);
  await first.admin.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
  return {
    ...first,
    clock,
    store,
    errors,
    anotherProcess: process,
    close: async () => {
      for (const p of processes) await p.close();
    },
  };
}

/** The CronTab CRD of the Kubernetes docs, with printer columns, status and scale. */
export function cronTabCrd(extra: { versions?: unknown[]; shortNames?: string[]; name?: string } = {}) {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: extra.name ?? "crontabs.stable.example.com" },
    spec: {
      group: "stable.example.com",
      scope: "Namespaced",
      names: { plural: "crontabs", singular: "crontab", kind: "CronTab", shortNames: extra.shortNames ?? ["ct"] },
      versions: extra.versions ?? [
        {
          name: "v1",
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: "object",
              properties: {
                spec: {
                  type: "object",
                  required: ["cronSpec"],
                  properties: {
                    cronSpec: { type: "string", pattern: "^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$" },
                    image: { type: "string", maxLength: 20 },
                    replicas: { type: "integer", minimum: 1, maximum: 10, default: 1 },
                    size: { type: "string", enum: ["small", "large"] },
                    port: { "x-kubernetes-int-or-string": true },
                    note: { type: "string", nullable: true },
                    tags: { type: "array", maxItems: 3, items: { type: "string" } },
                    labels: { type: "object", additionalProperties: { type: "string" } },
                    extra: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
                  },
                },
                status: {
                  type: "object",
                  properties: {
                    replicas: { type: "integer" },
                    labelSelector: { type: "string" },
                    conditions: {
                      type: "array",
                      items: { type: "object", properties: { type: { type: "string" }, status: { type: "string" } } },
                    },
                  },
                },
              },
            },
          },
          subresources: {
            status: {},
            scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas", labelSelectorPath: ".status.labelSelector" },
          },
          additionalPrinterColumns: [
            { name: "Spec", type: "string", jsonPath: ".spec.cronSpec" },
            { name: "Replicas", type: "integer", jsonPath: ".spec.replicas" },
            { name: "Ready", type: "string", jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
            { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
          ],
        },
      ],
    },
  };
}

export const cronTabs = (name?: string, subresource?: string) => InProcessClient.path("stable.example.com/v1", "crontabs", "dev", name, subresource);
export const crds = (name?: string) => InProcessClient.path("apiextensions.k8s.io/v1", "customresourcedefinitions", undefined, name);
