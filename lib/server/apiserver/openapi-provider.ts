import type { OpenApiProvider } from "@/lib/cluster/api/non-resource-routes";
import { createOpenApiDocuments } from "@/lib/cluster/api/openapi/openapi-documents";
import type { ResourceRegistry } from "@/lib/cluster/api/resources/resource-registry";

/** The OpenAPI documents kubectl validates and explains with; built lazily, each once, from the registry. */
export function openApiProvider(registry: ResourceRegistry): OpenApiProvider {
  const documents = createOpenApiDocuments(registry.all());
  return {
    v3Index: () => documents.v3Index(),
    v3Document: (path) => documents.v3Document(path)?.json,
    v2Json: () => documents.v2Json(),
    v2Protobuf: () => documents.v2Protobuf(),
  };
}
