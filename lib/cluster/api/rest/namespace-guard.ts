import { forbidden, notFound } from "../status";
import type { ApiContext } from "./api-context";
import type { Target } from "./target";

/**
 * Namespace lifecycle admission: namespaced objects may only be created in a namespace that exists and is not
 * being deleted (Kubernetes' NamespaceLifecycle plugin, same messages).
 */
export async function assertNamespaceAccepts(ctx: ApiContext, target: Target, name: string): Promise<void> {
  if (!target.type.namespaced) return;
  const namespace = await ctx.store.get({
    cluster: ctx.cluster,
    group: "",
    resource: "namespaces",
    namespace: "",
    name: target.namespace,
  });
  if (!namespace) throw notFound({ group: "", resource: "namespaces", name: target.namespace });
  const phase = (namespace.status as { phase?: string } | undefined)?.phase;
  if (phase === "Terminating" || namespace.metadata.deletionTimestamp) {
    throw forbidden(
      `${target.type.group ? `${target.type.plural}.${target.type.group}` : target.type.plural} "${name}" is forbidden: ` +
        `unable to create new content in namespace ${target.namespace} because it is being terminated`,
      { group: target.type.group, resource: target.type.plural, name },
    );
  }
}
