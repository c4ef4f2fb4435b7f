/**
 * What the OpenAPI documents need to know about one served resource. The API server builds this list from its
 * resource registry; the documents describe exactly these resources, verbs and subresources.
 */

/** Discovery verbs (`kubectl api-resources -o wide`). */
export type Verb = "get" | "list" | "watch" | "create" | "update" | "patch" | "delete" | "deletecollection";

export type ServedSubresource = {
  /** e.g. `status`, `scale`, `log`, `binding`. */
  name: string;
  /** The subresource's own kind when it differs from the resource's (`scale` → autoscaling/v1 Scale). */
  group?: string;
  version?: string;
  kind?: string;
  /** Defaults: status and scale get/update/patch, log get, binding create. */
  verbs?: readonly Verb[];
};

export type ServedResource = {
  /** "" for the core group. */
  group: string;
  version: string;
  kind: string;
  /** The resource name in URLs, e.g. `deployments`. */
  plural: string;
  namespaced: boolean;
  verbs: readonly Verb[];
  /** Names (`"status"`) or full descriptions. */
  subresources?: readonly (string | ServedSubresource)[];
  /** What PATCH consumes, when not all four types (custom resources take no strategic merge patches). */
  patchTypes?: readonly string[];
};

export type ResolvedSubresource = {
  name: string;
  group: string;
  version: string;
  kind: string;
  verbs: readonly Verb[];
  /** The response is text (logs), not an object. */
  text: boolean;
};

const knownSubresources: Record<string, Partial<ResolvedSubresource>> = {
  status: { verbs: ["get", "update", "patch"] },
  scale: { group: "autoscaling", version: "v1", kind: "Scale", verbs: ["get", "update", "patch"] },
  log: { verbs: ["get"], text: true },
  binding: { group: "", version: "v1", kind: "Binding", verbs: ["create"] },
  ephemeralcontainers: { verbs: ["get", "update", "patch"] },
};

/** Fills in a subresource's kind and verbs from what Kubernetes uses for that name. */
export function resolveSubresource(resource: ServedResource, sub: string | ServedSubresource): ResolvedSubresource {
  const given = typeof sub === "string" ? { name: sub } : sub;
  const known = knownSubresources[given.name] ?? {};
  return {
    name: given.name,
    group: given.group ?? known.group ?? resource.group,
    version: given.version ?? known.version ?? resource.version,
    kind: given.kind ?? known.kind ?? resource.kind,
    verbs: given.verbs ?? known.verbs ?? ["get"],
    text: known.text ?? false,
  };
}

/** The OpenAPI v3 index key of a group version: `api/v1` or `apis/apps/v1`. */
export function groupVersionPath(group: string, version: string): string {
  return group === "" ? `api/${version}` : `apis/${group}/${version}`;
}

/** Served resources grouped by their v3 path (`api/v1`, `apis/apps/v1`), in sorted order. */
export function groupByGroupVersion(resources: readonly ServedResource[]): Map<string, ServedResource[]> {
  const groups = new Map<string, ServedResource[]>();
  for (const resource of resources) {
    const key = groupVersionPath(resource.group, resource.version);
    groups.set(key, [...(groups.get(key) ?? []), resource]);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
