import type { ApiRequest, ApiResponse } from "./api-request";
import { apiGroup, coreVersions, groupList, resourceList, serverVersion } from "./discovery";
import { isHealthEndpoint, serveHealth, type HealthChecks } from "./health-checks";
import type { ResourceRegistry } from "./resources/resource-registry";
import { notAcceptable, pathNotFound } from "./status";

/** The OpenAPI documents, provided by whoever builds them (they are large: built once, cached). */
export type OpenApiProvider = {
  /** JSON text (the documents are megabytes: serialised once, served as is). */
  v3Index(): string;
  /** `api/v1`, `apis/apps/v1`, … → the document's JSON text, or undefined if unknown. */
  v3Document(groupVersionPath: string): string | undefined;
  v2Json(): string;
  v2Protobuf(): Uint8Array;
};

export type NonResourceDeps = {
  registry: ResourceRegistry;
  /** host:port clients use to reach this API, published in /api. */
  serverAddress: string;
  openApi?: OpenApiProvider;
  /** What /healthz, /livez and /readyz check; without it they answer `ok`. */
  health?: HealthChecks;
};

const json = (body: unknown): ApiResponse => ({ kind: "json", status: 200, body });

export function serveNonResource(deps: NonResourceDeps, request: ApiRequest, path: string): ApiResponse | Promise<ApiResponse> {
  const parts = path.split("/").filter((p) => p !== "");
  const [first, second, third] = parts;
  if (request.method !== "GET" && request.method !== "HEAD") throw pathNotFound();
  if (isHealthEndpoint(first) && deps.health) return serveHealth(deps.health[first], first, parts.slice(1), request.query);
  if (isHealthEndpoint(first) && parts.length === 1) {
    return { kind: "text", status: 200, body: "ok", contentType: "text/plain; charset=utf-8" };
  }
  if (first === "version" && parts.length === 1) return json(serverVersion);
  if (first === "api" && parts.length === 1) return json(coreVersions(deps.serverAddress));
  if (first === "api" && parts.length === 2 && second) return found(resourceList(deps.registry, "", second));
  if (first === "apis" && parts.length === 1) return json(groupList(deps.registry));
  if (first === "apis" && parts.length === 2 && second) {
    const group = deps.registry.groups().find((g) => g.name === second);
    return found(group ? apiGroup(group.name, group.versions) : undefined);
  }
  if (first === "apis" && parts.length === 3 && second && third) return found(resourceList(deps.registry, second, third));
  if (first === "openapi" && deps.openApi) return serveOpenApi(deps.openApi, request, parts.slice(1));
  // Where kubectl 1.20 and older look when /openapi/v2 does not answer.
  if (first === "swagger-2.0.0.pb-v1" && parts.length === 1 && deps.openApi) {
    return serveOpenApiV2(deps.openApi, { ...request, accept: protobufV2 });
  }
  throw pathNotFound();
}

function found(body: unknown): ApiResponse {
  if (body === undefined) throw pathNotFound();
  return json(body);
}

const protobufV2 = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

const jsonText = (body: string): ApiResponse => ({ kind: "text", status: 200, body, contentType: "application/json" });

function serveOpenApi(openApi: OpenApiProvider, request: ApiRequest, parts: string[]): ApiResponse {
  if (parts[0] === "v2" && parts.length === 1) return serveOpenApiV2(openApi, request);
  if (parts[0] === "v3") {
    if (parts.length === 1) return jsonText(openApi.v3Index());
    const document = openApi.v3Document(parts.slice(1).join("/"));
    if (document === undefined) throw pathNotFound();
    return jsonText(document);
  }
  throw pathNotFound();
}

/** Swagger 2.0, as protobuf when asked (kubectl before 1.27 validates from it) or as JSON. */
export function serveOpenApiV2(openApi: OpenApiProvider, request: ApiRequest): ApiResponse {
  if (request.accept.includes(protobufV2)) {
    // The real API server labels these bytes application/octet-stream: Go clients cannot parse the '@' in the
    // media type they asked for.
    return { kind: "bytes", status: 200, body: openApi.v2Protobuf(), contentType: "application/octet-stream" };
  }
  if (request.accept && !/application\/json|\*\/\*/.test(request.accept)) throw notAcceptable(request.accept);
  return jsonText(openApi.v2Json());
}
