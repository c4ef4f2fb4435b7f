import { ExpiredError } from "../../store/errors";
import type { KubeObject } from "../../store/object-store";
import { groupVersion } from "../resources/resource-type";
import type { ApiContext } from "./api-context";
import { continueExpired, decodeContinue, encodeContinue } from "./continue-token";
import type { Target } from "./target";

export type ListOptions = {
  /** Selector predicate built from labelSelector/fieldSelector; paging counts only matching items. */
  matches?: (object: KubeObject) => boolean;
  limit?: number;
  continueToken?: string;
};

export type ObjectList = {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: KubeObject[];
};

const STORE_PAGE = 500;

/** GET on a collection: one namespace (or all), filtered, optionally in pages that resume consistently. */
export async function listObjects(ctx: ApiContext, target: Target, options: ListOptions = {}): Promise<ObjectList> {
  const position = options.continueToken ? decodeContinue(options.continueToken) : undefined;
  const limit = options.limit && options.limit > 0 ? options.limit : undefined;
  const items: KubeObject[] = [];
  let after = position?.after;
  let revision = position?.revision;
  let more = true;
  try {
    while (more && (limit === undefined || items.length < limit)) {
      const page = await ctx.store.list({
        cluster: ctx.cluster,
        group: target.type.group,
        resource: target.type.plural,
        ...(target.type.namespaced && target.namespace ? { namespace: target.namespace } : {}),
        limit: STORE_PAGE,
        ...(after ? { after } : {}),
        ...(revision ? { atRevision: revision } : {}),
      });
      revision ??= page.revision;
      for (const object of page.items) {
        if (limit !== undefined && items.length >= limit) {
          // Stop before this item: the next page starts right after the last item returned.
          more = true;
          return finish(target, items, revision, lastKey(items));
        }
        after = { namespace: object.metadata.namespace ?? "", name: object.metadata.name ?? "" };
        if (!options.matches || options.matches(object)) items.push(object);
      }
      more = page.next !== undefined;
    }
  } catch (error) {
    if (error instanceof ExpiredError && position) throw continueExpired();
    throw error;
  }
  return finish(target, items, revision ?? (await ctx.store.currentRevision(ctx.cluster)), more && limit !== undefined ? lastKey(items) : undefined);
}

function lastKey(items: KubeObject[]) {
  const last = items[items.length - 1];
  return last ? { namespace: last.metadata.namespace ?? "", name: last.metadata.name ?? "" } : undefined;
}

function finish(
  target: Target,
  items: KubeObject[],
  revision: string,
  next: { namespace: string; name: string } | undefined,
): ObjectList {
  return {
    apiVersion: groupVersion(target.type),
    kind: target.type.listKind,
    metadata: { resourceVersion: revision, ...(next ? { continue: encodeContinue({ revision, after: next }) } : {}) },
    items: items.map((item) => ({ apiVersion: groupVersion(target.type), kind: target.type.kind, ...item })),
  };
}
