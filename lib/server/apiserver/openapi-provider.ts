import { openApiWithCrds } from "@/lib/cluster/api/crd/openapi-with-crds";
import type { OpenApiProvider } from "@/lib/cluster/api/non-resource-routes";
import type { ResourceRegistry } from "@/lib/cluster/api/resources/resource-registry";

/**
 * The OpenAPI documents kubectl validates and explains with, built lazily from the registry: the built-in
 * group versions once, whatever CRDs add again after the registry changes.
 */
export function openApiProvider(registry: ResourceRegistry): OpenApiProvider {
  return openApiWithCrds(registry);
}
