import type { KubeObject } from "../../store/object-store";
import { notFound } from "../status";
import type { ApiContext } from "./api-context";
import { storeKey, subjectOf, type Target } from "./target";

export async function getObject(ctx: ApiContext, target: Target): Promise<KubeObject> {
  const object = await ctx.store.get(storeKey(ctx, target));
  if (!object) throw notFound(subjectOf(target));
  return object;
}
