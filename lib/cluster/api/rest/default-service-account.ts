import { AlreadyExistsError } from "../../store/errors";
import type { ApiContext } from "./api-context";
import { prepareForCreate } from "./object-lifecycle";
import { storeKey, type Target } from "./target";

/**
 * Makes sure a namespace has its `default` ServiceAccount (pods run as it unless they name another). In
 * Kubernetes the ServiceAccount controller does this; kubeclass has no such controller yet, so the namespace
 * create paths and the bootstrap call this. Idempotent; returns whether it created the account.
 */
export async function ensureDefaultServiceAccount(ctx: ApiContext, namespace: string): Promise<boolean> {
  const type = ctx.registry.resolve("", "v1", "serviceaccounts");
  if (!type || namespace === "") return false;
  const target: Target = { type, namespace, name: "default", subresource: "" };
  const key = storeKey(ctx, target);
  // Straight to the create, not a read first: on a namespace's creation (the common case) the account cannot
  // exist yet, and one round trip fewer matters when a whole class's namespaces are made at once.
  const object = prepareForCreate(ctx, target, { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "default", namespace } });
  try {
    await ctx.store.create(key, object);
    return true;
  } catch (error) {
    // There already, or created meanwhile by a concurrent request: the same outcome.
    if (error instanceof AlreadyExistsError) return false;
    throw error;
  }
}
