import { InProcessClient } from "../../api/in-process-client";
import type { ListWatch } from "./informer";
import { apiVersionOf, type ResourceId } from "./resource-id";

/** An informer's source through the API itself (all namespaces), as the controllers' identity. */
export function apiListWatch(client: InProcessClient, resource: ResourceId): ListWatch {
  const path = InProcessClient.path(apiVersionOf(resource), resource.plural);
  return {
    list: async () => {
      const items = [];
      let resourceVersion = "";
      let next: string | undefined;
      do {
        const page = (await client.request("GET", path, { query: { limit: "500", ...(next ? { continue: next } : {}) } })) as {
          items: InProcessClientItems;
          metadata: { resourceVersion: string; continue?: string };
        };
        items.push(...page.items);
        if (resourceVersion === "") resourceVersion = page.metadata.resourceVersion;
        next = page.metadata.continue || undefined;
      } while (next);
      return { items, resourceVersion };
    },
    watch: (fromRevision, signal) => client.watch(path, { resourceVersion: fromRevision, allowWatchBookmarks: "false" }, signal),
  };
}

type InProcessClientItems = Awaited<ReturnType<InProcessClient["get"]>>[];
