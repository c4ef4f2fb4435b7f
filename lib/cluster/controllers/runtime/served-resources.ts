import type { ResourceRegistry } from "../../api/resources/resource-registry";
import type { ServedResource } from "./controller";

/** The registry as controllers need it: what can be listed and deleted, and where. */
export function servedResources(registry: ResourceRegistry): ServedResource[] {
  return registry.all().map((type) => ({
    group: type.group,
    version: type.version,
    plural: type.plural,
    kind: type.kind,
    namespaced: type.namespaced,
    verbs: type.verbs,
  }));
}
