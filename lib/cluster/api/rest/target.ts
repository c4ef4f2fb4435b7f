import type { ObjectKey } from "../../store/object-store";
import type { ResourceType } from "../resources/resource-type";
import type { Subject } from "../status";
import type { ApiContext } from "./api-context";

/** The object (or collection) a request addresses, once the URL has been resolved against the registry. */
export type Target = { type: ResourceType; namespace: string; name: string; subresource: string };

export function storeKey(ctx: ApiContext, target: Target, name = target.name): ObjectKey {
  return {
    cluster: ctx.cluster,
    group: target.type.group,
    resource: target.type.plural,
    namespace: target.type.namespaced ? target.namespace : "",
    name,
  };
}

export function subjectOf(target: Target, name = target.name): Subject {
  return { group: target.type.group, resource: target.type.plural, name };
}
