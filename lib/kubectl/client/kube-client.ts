import type { ApiResponse } from "../../cluster/api/api-request";
import type { KubectlDeps } from "../kubectl-deps";
import { KubeApiError } from "./kube-api-error";

/** The Accept header kubectl sends for `get`: a server-side Table, else plain JSON. */
export const TABLE_ACCEPT = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

export type KubeObject = {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; resourceVersion?: string; [k: string]: unknown };
  [key: string]: unknown;
};
export type KubeList = KubeObject & { items: KubeObject[]; metadata?: { resourceVersion?: string; continue?: string } };
export type WatchEvent = { type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK"; object: KubeObject };

export type RequestOptions = {
  query?: Record<string, string> | URLSearchParams;
  /** An object is sent as JSON; a string as is (YAML for apply-patch, a patch document). */
  body?: unknown;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
};

const USER_AGENT = "kubectl/v1.35.0 (linux/amd64) kubernetes/kubeclass";

/**
 * The cluster API as kubectl sees it: paths in, decoded JSON (or text, for logs) out. A Status failure is thrown
 * as KubeApiError. `signal` defaults to the program's, so Ctrl-C ends watches.
 */
export class KubeClient {
  constructor(
    private readonly deps: Pick<KubectlDeps, "serve">,
    private readonly signal: AbortSignal,
  ) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<unknown> {
    const response = await this.send(method, path, options);
    if (response.kind === "watch") throw new Error(`${method} ${path} answered a watch`);
    if (response.status >= 400) throw KubeApiError.fromBody(response.status, response.kind === "json" ? response.body : parseMaybe(response));
    if (response.kind === "bytes") return new TextDecoder().decode(response.body);
    return response.body;
  }

  get(path: string, query?: Record<string, string>): Promise<KubeObject> {
    return this.request("GET", path, { query }) as Promise<KubeObject>;
  }

  list(path: string, query?: Record<string, string>): Promise<KubeList> {
    return this.request("GET", path, { query }) as Promise<KubeList>;
  }

  /** A Table of one object or a collection (the server renders it; kubectl only prints). */
  table(path: string, query?: Record<string, string>): Promise<unknown> {
    return this.request("GET", path, { query, accept: TABLE_ACCEPT });
  }

  create(path: string, object: unknown, query?: Record<string, string>): Promise<KubeObject> {
    return this.request("POST", path, { body: object, query }) as Promise<KubeObject>;
  }

  update(path: string, object: unknown, query?: Record<string, string>): Promise<KubeObject> {
    return this.request("PUT", path, { body: object, query }) as Promise<KubeObject>;
  }

  patch(path: string, patch: unknown, type: "merge" | "strategic" | "json" | "apply", query?: Record<string, string>): Promise<KubeObject> {
    const contentType = {
      merge: "application/merge-patch+json",
      strategic: "application/strategic-merge-patch+json",
      json: "application/json-patch+json",
      apply: "application/apply-patch+yaml",
    }[type];
    return this.request("PATCH", path, { body: patch, contentType, query }) as Promise<KubeObject>;
  }

  delete(path: string, options: { body?: unknown; query?: Record<string, string> } = {}): Promise<unknown> {
    return this.request("DELETE", path, options);
  }

  /** `?watch=true` as events, until the server ends the stream or the signal aborts. ERROR events throw. */
  async *watch(path: string, query: Record<string, string> = {}, options: { signal?: AbortSignal; accept?: string } = {}): AsyncGenerator<WatchEvent> {
    const signal = options.signal ?? this.signal;
    const response = await this.send("GET", path, { query: { ...query, watch: "true" }, signal, ...(options.accept ? { accept: options.accept } : {}) });
    if (response.kind !== "watch") {
      throw KubeApiError.fromBody(response.status, response.kind === "json" ? response.body : parseMaybe(response));
    }
    for await (const raw of response.events) {
      if (signal.aborted) return;
      const event = raw as { type: string; object: KubeObject };
      if (event.type === "ERROR") throw KubeApiError.fromBody(Number((event.object as { code?: number }).code ?? 500), event.object);
      yield event as WatchEvent;
    }
  }

  private send(method: string, path: string, options: RequestOptions): Promise<ApiResponse> {
    const query = options.query instanceof URLSearchParams ? options.query : new URLSearchParams(options.query ?? {});
    const body = options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    return this.deps.serve({
      method,
      path,
      query,
      accept: options.accept ?? "application/json",
      contentType: options.contentType ?? "application/json",
      userAgent: USER_AGENT,
      ...(body !== undefined ? { body: new TextEncoder().encode(body) } : {}),
      signal: options.signal ?? this.signal,
    });
  }
}

function parseMaybe(response: Exclude<ApiResponse, { kind: "watch" | "json" }>): unknown {
  const text = response.kind === "text" ? response.body : new TextDecoder().decode(response.body);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { message: text.trim() };
  }
}
