import { forbidden, notFound } from "../status";
import type { ApiContext } from "./api-context";
import type { KubeObject } from "../../store/object-store";
import type { Target } from "./target";

/**
 * Namespace lifecycle admission: namespaced objects may only be created in a namespace that exists and is not
 * being deleted (Kubernetes' NamespaceLifecycle plugin, same messages).
 */
export async function assertNamespaceAccepts(ctx: ApiContext, target: Target, name: string): Promise<void> {
  if (!target.type.namespaced) return;
  // The cache answers when it knows the namespace as accepting; anything else is checked against the store, so
  // the cache's lag can never refuse a create (it could only accept one in a namespace another process began
  // deleting a few milliseconds ago, which the namespace controller then cleans up, as in Kubernetes).
  const cached = await ctx.admissionCache?.get("", "namespaces", "", target.namespace);
  if (cached && !terminating(cached)) return;
  const namespace = await ctx.store.get({
    cluster: ctx.cluster,
    group: "",
    resource: "namespaces",
    namespace: "",
    name: target.namespace,
  });
  if (!namespace) throw notFound({ group: "", resource: "namespaces", name: target.namespace });
  if (terminating(namespace)) {
    throw forbidden(
      `${target.type.group ? `${target.type.plural}.${target.type.group}` : target.type.plural} "${name}" is forbidden: ` +
        `unable to create new content in namespace ${target.namespace} because it is being terminated`,
      { group: target.type.group, resource: target.type.plural, name },
    );
  }
}

function terminating(namespace: KubeObject): boolean {
  return (namespace.status as { phase?: string } | undefined)?.phase === "Terminating" || Boolean(namespace.metadata.deletionTimestamp);
}
