import type { KubeObject } from "../store/object-store";
import { ownKey, type Controller, type ReconcileContext } from "./runtime/controller";
import { resources } from "./runtime/resource-id";

/** How soon to look again while a namespace's contents are still going (finalizers, grace periods). */
const RECHECK_MS = 1_000;

/**
 * Finishes deleting Terminating namespaces, as kube-controller-manager's namespace controller does: deletes
 * every namespaced object in them (custom resources included), waits until nothing is left, then removes the
 * `kubernetes` finalizer through /finalize so the namespace itself goes.
 */
export const namespaceController: Controller = {
  name: "namespace",
  username: "system:serviceaccount:kube-system:namespace-controller",
  component: "namespace-controller",
  primary: resources.namespaces,
  watches: [{ resource: resources.namespaces, keys: ownKey }],
  async reconcile(ctx, key) {
    const namespace = ctx.cache.get(resources.namespaces, "", key);
    if (!namespace?.metadata.deletionTimestamp) return;
    const remaining = await deleteContents(ctx, key);
    if (remaining > 0) return { requeueAfterMs: RECHECK_MS };
    const finalizers = ((namespace.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).filter((f) => f !== "kubernetes");
    if (finalizers.length === ((namespace.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).length) return;
    await ctx.client.update(resources.namespaces, withSpecFinalizers(namespace, finalizers), "finalize");
  },
};

async function deleteContents(ctx: ReconcileContext, namespace: string): Promise<number> {
  let remaining = 0;
  for (const type of ctx.discovery()) {
    if (!type.namespaced || !type.verbs.includes("list") || !type.verbs.includes("deletecollection")) continue;
    // Events go last in Kubernetes too, but they carry no finalizers, so one pass is enough for them.
    const items = await ctx.client.listLive(type, namespace);
    if (items.length === 0) continue;
    if (items.every((item) => item.metadata.deletionTimestamp)) {
      remaining += items.length;
      continue;
    }
    await ctx.client.deleteCollection(type, namespace);
    // Most objects go at once; what finalizers or grace periods hold is what we wait for.
    remaining += (await ctx.client.listLive(type, namespace)).length;
  }
  return remaining;
}

function withSpecFinalizers(namespace: KubeObject, finalizers: string[]): KubeObject {
  return { ...namespace, spec: { ...(namespace.spec as object), finalizers } };
}
