/** One resource type as discovery lists it, with the group/version it was found in. */
export type ApiResource = {
  /** Plural: `deployments`. */
  name: string;
  singularName: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames: string[];
  categories: string[];
  group: string;
  version: string;
  /** `apps/v1`, or `v1` for the core group. */
  groupVersion: string;
};

/** `pods` or `deployments.apps`: how kubectl names a type in messages. */
export function qualifiedName(resource: ApiResource): string {
  return resource.group ? `${resource.name}.${resource.group}` : resource.name;
}

/** `pod` or `deployment.apps`: the prefix of `-o name` and of rows when several types are listed. */
export function kindPrefix(resource: ApiResource): string {
  const kind = resource.kind.toLowerCase();
  return resource.group ? `${kind}.${resource.group}` : kind;
}

/** The REST path of a collection or an object (`/apis/apps/v1/namespaces/ns/deployments/web/scale`). */
export function resourcePath(resource: ApiResource, namespace: string | undefined, name?: string, subresource?: string): string {
  const base = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  const ns = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  const tail = [name, subresource].filter((p): p is string => !!p).map((p) => `/${encodeURIComponent(p)}`).join("");
  return `${base}${ns}/${resource.name}${tail}`;
}
