import { resources, type ResourceId } from "../../controllers/runtime/resource-id";
import type { ViewSource } from "../../sandbox/container-view";
import type { KubeObject } from "../../store/object-store";
import type { ApiContext } from "./api-context";

/**
 * What a container's environment is made from, read from the store: its namespace's ConfigMaps, Secrets and
 * Services, and the `kubernetes` Service every pod gets variables for.
 */
export async function environmentSource(ctx: ApiContext, namespace: string): Promise<ViewSource> {
  const list = async (resource: ResourceId, ns: string) => (await ctx.store.list({ cluster: ctx.cluster, group: resource.group, resource: resource.plural, namespace: ns })).items;
  const objects = new Map<string, KubeObject[]>([
    [resources.configmaps.plural, await list(resources.configmaps, namespace)],
    [resources.secrets.plural, await list(resources.secrets, namespace)],
    [resources.services.plural, [...(await list(resources.services, namespace)), ...(namespace === "default" ? [] : await list(resources.services, "default")).filter((s) => s.metadata.name === "kubernetes")]],
  ]);
  const of = (resource: ResourceId) => objects.get(resource.plural) ?? [];
  return {
    get: (resource, ns, name) => of(resource).find((o) => (o.metadata.namespace ?? "") === ns && o.metadata.name === name),
    list: (resource, ns) => of(resource).filter((o) => ns === undefined || o.metadata.namespace === ns),
  };
}
