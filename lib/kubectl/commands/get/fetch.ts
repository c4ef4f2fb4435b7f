import { isNotFound, type KubeApiError } from "../../client/kube-api-error";
import type { KubeObject } from "../../client/kube-client";
import type { CommandContext } from "../../command";
import { resourcePath, type ApiResource } from "../../resources/api-resource";
import type { ResourceRequest } from "../../resources/resolve-resource";
import { builderListError } from "../../resources/list-error";
import { listQuery } from "./get-query";

/** What one requested type yielded: server Tables (table output) or objects (the other outputs). */
export type Fetched<T> = { resource: ApiResource; results: T[] };

export type FetchOutcome<T> = { fetched: Fetched<T>[]; errors: string[] };

/**
 * Gets each request's objects — a whole (chunked) list, or each named object — as Tables or as objects.
 * A named object that is missing becomes an error line (unless --ignore-not-found) and the rest go on, as
 * kubectl's builder does; any other failure stops the command.
 */
export async function fetchAll<T>(
  ctx: CommandContext,
  requests: (ResourceRequest & { namespace?: string })[],
  namespace: string | undefined,
  mode: "table" | "object",
  extraQuery: Record<string, string> = {},
): Promise<FetchOutcome<T>> {
  const errors: string[] = [];
  const fetched: Fetched<T>[] = [];
  for (const { resource, names, namespace: own } of requests) {
    const ns = own ?? namespace;
    const results: T[] = [];
    if (names.length === 0) {
      results.push(...(await fetchList<T>(ctx, resource, ns, mode, extraQuery)));
    } else {
      for (const name of names) {
        try {
          const path = resourcePath(resource, ns, name, ctx.flags.string("subresource") || undefined);
          results.push((await (mode === "table" ? ctx.client.table(path, extraQuery) : ctx.client.get(path))) as T);
        } catch (error) {
          if (!isNotFound(error)) throw error;
          if (!ctx.flags.bool("ignore-not-found")) errors.push((error as KubeApiError).display());
        }
      }
    }
    fetched.push({ resource, results });
  }
  return { fetched, errors };
}

async function fetchList<T>(ctx: CommandContext, resource: ApiResource, namespace: string | undefined, mode: "table" | "object", extra: Record<string, string>): Promise<T[]> {
  const pages: T[] = [];
  let token = "";
  do {
    const query = listQuery(ctx, { ...extra, ...(token ? { continue: token } : {}) });
    const path = resourcePath(resource, namespace);
    const page = (await (mode === "table" ? ctx.client.table(path, query) : ctx.client.list(path, query)).catch((error: unknown) => {
      throw builderListError(error, resource, query);
    })) as T & { metadata?: { continue?: string } };
    pages.push(page);
    token = page.metadata?.continue ?? "";
  } while (token);
  return pages;
}

/** A list's items with apiVersion and kind filled in, as kubectl's decoder sets them on list items. */
export function itemsOf(resource: ApiResource, list: KubeObject & { items?: KubeObject[] }): KubeObject[] {
  if (!Array.isArray(list.items)) return [list];
  return list.items.map((item) => ({ ...item, apiVersion: item.apiVersion ?? resource.groupVersion, kind: item.kind ?? resource.kind }));
}
