import type { ApiContext } from "../rest/api-context";
import { CRD_GROUP, CRD_RESOURCE } from "./crd-object";
import { CrdSync } from "./crd-sync";
import { finishCrdDeletion } from "./delete-crd";

/**
 * Starts serving the custom resources of the store's CRDs in this process. `ready` resolves once the CRDs have
 * been listed (requests wait for it, so a restarted server never answers 404 for a type it will serve).
 */
export function startCrdSync(ctx: ApiContext, onError: (error: unknown) => void): { sync: CrdSync; ready: Promise<void> } {
  const sync: CrdSync = new CrdSync(ctx, {
    onError,
    finishDeletion: async (crd) => {
      const type = ctx.registry.resolve(CRD_GROUP, "v1", CRD_RESOURCE);
      if (!type) return;
      await finishCrdDeletion(ctx, { type, namespace: "", name: crd.metadata.name ?? "", subresource: "" }, crd, sync);
    },
  });
  return { sync, ready: sync.start() };
}
