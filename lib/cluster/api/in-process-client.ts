import type { UserInfo } from "../auth/user-info";
import type { KubeObject } from "../store/object-store";
import type { ApiRequest, ApiResponse } from "./api-request";
import { ApiError, type Status } from "./status";

const neverAborted = new AbortController().signal;

/**
 * The cluster API for the platform's own code — the terminal's kubectl, the lab checker, controllers — acting
 * as a given user through exactly the path HTTPS requests take (authorise → admit → store). Failures throw
 * ApiError with the Status the server answered.
 */
export class InProcessClient {
  constructor(
    private readonly serve: (request: ApiRequest) => Promise<ApiResponse>,
    readonly user: UserInfo,
    /** Names the caller in managedFields, as a real client's User-Agent does (e.g. `kube-controller-manager`). */
    private readonly userAgent = "kubeclass",
  ) {}

  /** `/api/v1/namespaces/ns/configmaps`-style path of a collection or object. */
  static path(apiVersion: string, plural: string, namespace?: string, name?: string, subresource?: string): string {
    const base = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
    const tail = [name, subresource].filter((p): p is string => !!p).map(encodeURIComponent);
    return [`${base}${ns}/${plural}`, ...tail].join("/");
  }

  async request(method: string, path: string, options: { body?: unknown; contentType?: string; query?: Record<string, string> } = {}): Promise<unknown> {
    const response = await this.serve({
      user: this.user,
      method,
      path,
      query: new URLSearchParams(options.query ?? {}),
      accept: "application/json",
      contentType: options.contentType ?? "application/json",
      ...(options.body !== undefined ? { body: new TextEncoder().encode(JSON.stringify(options.body)) } : {}),
      // Only watches listen to the signal; one that never aborts serves every other request.
      signal: neverAborted,
      userAgent: this.userAgent,
    });
    if (response.kind === "watch") throw new Error("use watch() for watch requests");
    const body = response.body;
    if (response.status >= 400) {
      const status = body as Status;
      throw new ApiError(response.status, status.reason, status.message, status.details);
    }
    return body;
  }

  get(path: string): Promise<KubeObject> {
    return this.request("GET", path) as Promise<KubeObject>;
  }

  list(path: string, query: Record<string, string> = {}): Promise<{ items: KubeObject[]; metadata: { resourceVersion: string } }> {
    return this.request("GET", path, { query }) as Promise<{ items: KubeObject[]; metadata: { resourceVersion: string } }>;
  }

  create(path: string, object: unknown): Promise<KubeObject> {
    return this.request("POST", path, { body: object }) as Promise<KubeObject>;
  }

  update(path: string, object: unknown): Promise<KubeObject> {
    return this.request("PUT", path, { body: object }) as Promise<KubeObject>;
  }

  patch(path: string, patch: unknown, type: "merge" | "strategic" | "json" = "merge"): Promise<KubeObject> {
    const contentType = { merge: "application/merge-patch+json", strategic: "application/strategic-merge-patch+json", json: "application/json-patch+json" }[type];
    return this.request("PATCH", path, { body: patch, contentType }) as Promise<KubeObject>;
  }

  delete(path: string, options: { body?: unknown; query?: Record<string, string> } = {}): Promise<unknown> {
    return this.request("DELETE", path, options);
  }

  /**
   * A watch as an async stream of `{type, object}` events. It ends when the server ends it (timeout, a slow
   * watcher) or `signal` aborts; an ERROR event (e.g. 410 Expired) is thrown as ApiError so the caller relists.
   */
  async *watch(path: string, query: Record<string, string>, signal: AbortSignal): AsyncGenerator<WatchedEvent> {
    const response = await this.serve({
      user: this.user,
      method: "GET",
      path,
      query: new URLSearchParams({ ...query, watch: "true" }),
      accept: "application/json",
      contentType: "application/json",
      signal,
      userAgent: this.userAgent,
    });
    if (response.kind !== "watch") {
      const status = (response.kind === "json" ? response.body : {}) as Partial<Status>;
      throw new ApiError(response.status, status.reason ?? "", status.message ?? `watch of ${path} was refused`, status.details);
    }
    for await (const raw of response.events) {
      const event = raw as { type: string; object: unknown };
      if (event.type === "ERROR") {
        const status = event.object as Status;
        throw new ApiError(status.code, status.reason, status.message, status.details);
      }
      if (event.type === "ADDED" || event.type === "MODIFIED" || event.type === "DELETED") {
        yield { type: event.type, object: event.object as KubeObject };
      }
    }
  }
}

export type WatchedEvent = { type: "ADDED" | "MODIFIED" | "DELETED"; object: KubeObject };
