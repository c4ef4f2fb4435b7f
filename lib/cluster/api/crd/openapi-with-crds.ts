import type { OpenApiProvider } from "../non-resource-routes";
import { definitions } from "../openapi/definitions";
import { createOpenApiDocuments, type OpenApiDocuments } from "../openapi/openapi-documents";
import { buildV3Index } from "../openapi/openapi-v3";
import { groupVersionPath, type ServedResource } from "../openapi/served-resource";
import type { ResourceRegistry } from "../resources/resource-registry";
import type { ResourceType } from "../resources/resource-type";
import { customResourceDefinitions } from "./crd-openapi";

/** What PATCH of a custom resource accepts: no strategic merge patch (there are no patch strategies to use). */
const customPatchTypes = ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"];

const served = (type: ResourceType): ServedResource => (type.custom ? { ...type, patchTypes: customPatchTypes } : type);

type Generation = {
  revision: number;
  /** v3 documents of the group versions that hold custom resources. */
  custom: OpenApiDocuments;
  customPaths: Set<string>;
  /** The one v2 document, of everything served. */
  v2: OpenApiDocuments;
  index?: string;
};

/**
 * The OpenAPI documents of the registry as it is now, custom resources included. The built-in group versions'
 * v3 documents are built once; the documents that depend on CRDs (their group versions, the v2 document, the
 * v3 index and its hashes) are rebuilt lazily after the registry changes, so the index's hashes change when
 * a CRD does and kubectl refetches.
 */
export function openApiWithCrds(registry: ResourceRegistry): OpenApiProvider {
  const builtin = createOpenApiDocuments(registry.all().filter((t) => !t.custom));
  let current: Generation | undefined;

  const generation = (): Generation => {
    if (current?.revision === registry.revision) return current;
    const all = registry.all();
    const customPaths = new Set(all.filter((t) => t.custom).map((t) => groupVersionPath(t.group, t.version)));
    const inCustomPaths = all.filter((t) => customPaths.has(groupVersionPath(t.group, t.version)));
    const v3 = new Map([...definitions, ...customResourceDefinitions(inCustomPaths, "v3")]);
    const v2 = new Map([...definitions, ...customResourceDefinitions(all, "v2")]);
    current = {
      revision: registry.revision,
      custom: createOpenApiDocuments(inCustomPaths.map(served), { definitions: v3 }),
      customPaths,
      v2: createOpenApiDocuments(all.map(served), { definitions: v2 }),
    };
    return current;
  };

  const v3Document = (path: string) => {
    const key = path.replace(/^\/+/, "");
    const g = generation();
    return (g.customPaths.has(key) ? g.custom : builtin).v3Document(key);
  };

  return {
    v3Index() {
      const g = generation();
      if (g.index === undefined) {
        const hashes = new Map<string, string>();
        for (const path of builtin.v3Paths()) if (!g.customPaths.has(path)) hashes.set(path, builtin.v3Document(path)?.hash ?? "");
        for (const path of g.custom.v3Paths()) hashes.set(path, g.custom.v3Document(path)?.hash ?? "");
        g.index = JSON.stringify(buildV3Index(new Map([...hashes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))));
      }
      return g.index;
    },
    v3Document: (path) => v3Document(path)?.json,
    v2Json: () => generation().v2.v2Json(),
    v2Protobuf: () => generation().v2.v2Protobuf(),
  };
}
