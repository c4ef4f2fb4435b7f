/**
 * The OpenAPI endpoints' bodies for one list of served resources, each built on first use and then kept:
 *   GET /openapi/v3                 → v3Index()
 *   GET /openapi/v3/apis/apps/v1    → v3Document("apis/apps/v1")   (ETag: its hash; the index links ?hash=)
 *   GET /openapi/v2                 → v2Protobuf() when Accept asks for OPENAPI_V2_PROTOBUF_CONTENT_TYPE,
 *                                     else v2Json()
 */
import { createHash } from "node:crypto";
import type { OpenApiInfo } from "./definition-model";
import { definitions as generatedDefinitions, definitionsSource } from "./definitions";
import { buildV2Document } from "./openapi-v2";
import { encodeOpenApiV2 } from "./openapi-v2-proto";
import { buildV3GroupVersionDocument, buildV3Index } from "./openapi-v3";
import { type Definitions, definitionsByKind } from "./schemas";
import { groupByGroupVersion, type ServedResource } from "./served-resource";

export { OPENAPI_V2_PROTOBUF_CONTENT_TYPE } from "./openapi-v2-proto";

export type GroupVersionDocument = {
  /** The document as JSON text. */
  json: string;
  /** Upper-case hex SHA-512 of `json`, as Kubernetes computes it: use it as the ETag. */
  hash: string;
};

export type OpenApiDocuments = {
  /** `/openapi/v3` as JSON text. `pathPrefix` is the API server's URL prefix, if any (`/k8s`). */
  v3Index(pathPrefix?: string): string;
  /** The v3 document at `/openapi/v3/<gvPath>` (`api/v1`, `apis/apps/v1`; a leading `/` is ignored). */
  v3Document(gvPath: string): GroupVersionDocument | undefined;
  /** The group-version paths that have documents, sorted. */
  v3Paths(): string[];
  /** `/openapi/v2` as JSON text. */
  v2Json(): string;
  /** `/openapi/v2` as gnostic protobuf. */
  v2Protobuf(): Uint8Array;
};

export type OpenApiOptions = { definitions?: Definitions; info?: OpenApiInfo };

export function contentHash(text: string): string {
  return createHash("sha512").update(text).digest("hex").toUpperCase();
}

const once = <T>(compute: () => T): (() => T) => {
  let cached: { value: T } | undefined;
  return () => (cached ??= { value: compute() }).value;
};

export function createOpenApiDocuments(
  resources: readonly ServedResource[],
  options: OpenApiOptions = {},
): OpenApiDocuments {
  const definitions = options.definitions ?? generatedDefinitions;
  const info = options.info ?? { title: "Kubernetes", version: `v${definitionsSource.version}` };
  // Kinds without a definition (custom resources) are left out, and so is a group version with none left:
  // kubectl then treats the kind as a CRD's, as it does for any kind the documents do not describe.
  const byKind = definitionsByKind(definitions);
  const documented = resources.filter((r) => byKind(r) !== undefined);
  const groups = groupByGroupVersion(documented);
  const v3Cache = new Map<string, GroupVersionDocument>();
  const v3Document = (gvPath: string): GroupVersionDocument | undefined => {
    const key = gvPath.replace(/^\/+/, "");
    const cached = v3Cache.get(key);
    if (cached) return cached;
    const group = groups.get(key);
    if (!group) return undefined;
    const json = JSON.stringify(buildV3GroupVersionDocument(definitions, info, group));
    const document = { json, hash: contentHash(json) };
    v3Cache.set(key, document);
    return document;
  };
  const hashes = once(() => new Map([...groups.keys()].map((key) => [key, v3Document(key)?.hash ?? ""])));
  const v2 = once(() => buildV2Document(definitions, info, documented));
  const v2Json = once(() => JSON.stringify(v2()));
  const v2Protobuf = once(() => encodeOpenApiV2(v2()));
  return {
    v3Index: (pathPrefix = "") => JSON.stringify(buildV3Index(hashes(), pathPrefix.replace(/\/+$/, ""))),
    v3Document,
    v3Paths: () => [...groups.keys()],
    v2Json,
    v2Protobuf,
  };
}

// Convenience functions over a per-array cache: pass the same array (the registry's list) to reuse the work.
const cache = new WeakMap<readonly ServedResource[], OpenApiDocuments>();
const documentsFor = (resources: readonly ServedResource[]): OpenApiDocuments => {
  let documents = cache.get(resources);
  if (!documents) cache.set(resources, (documents = createOpenApiDocuments(resources)));
  return documents;
};

export const openApiV3Index = (resources: readonly ServedResource[], pathPrefix?: string): string =>
  documentsFor(resources).v3Index(pathPrefix);
export const openApiV3Document = (
  resources: readonly ServedResource[],
  gvPath: string,
): GroupVersionDocument | undefined => documentsFor(resources).v3Document(gvPath);
export const openApiV2Json = (resources: readonly ServedResource[]): string => documentsFor(resources).v2Json();
export const openApiV2Protobuf = (resources: readonly ServedResource[]): Uint8Array =>
  documentsFor(resources).v2Protobuf();
