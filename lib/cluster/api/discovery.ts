import type { ResourceRegistry } from "./resources/resource-registry";
import type { ResourceType } from "./resources/resource-type";

/**
 * The discovery documents kubectl reads before anything else (`/api`, `/apis`, `/api/v1`, `/apis/{g}/{v}`).
 * Plain (non-aggregated) discovery: kubectl falls back to it when the response is not the v2 type.
 */

export const serverVersion = {
  major: "1",
  minor: "34",
  gitVersion: "v1.34.0-kubeclass",
  gitCommit: "kubeclass",
  gitTreeState: "clean",
  buildDate: "2026-11-01T00:00:00Z",
  goVersion: "go1.24",
  compiler: "gc",
  platform: "linux/amd64",
};

export function coreVersions(serverAddress: string) {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

export function groupList(registry: ResourceRegistry) {
  return {
    kind: "APIGroupList",
    apiVersion: "v1",
    groups: registry
      .groups()
      .filter((g) => g.name !== "")
      .map((g) => apiGroup(g.name, g.versions)),
  };
}

export function apiGroup(name: string, versions: string[]) {
  const entries = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { kind: "APIGroup", apiVersion: "v1", name, versions: entries, preferredVersion: entries[0] };
}

export function resourceList(registry: ResourceRegistry, group: string, version: string) {
  const types = registry.inGroupVersion(group, version);
  if (types.length === 0) return undefined;
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: group ? `${group}/${version}` : version,
    resources: types.flatMap(describe),
  };
}

function describe(type: ResourceType) {
  const main = {
    name: type.plural,
    singularName: type.singular,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: type.verbs,
    ...(type.shortNames.length > 0 ? { shortNames: type.shortNames } : {}),
    ...(type.categories.length > 0 ? { categories: type.categories } : {}),
  };
  const subresources = type.subresources.map((sub) => ({
    name: `${type.plural}/${sub.name}`,
    singularName: "",
    namespaced: type.namespaced,
    ...(sub.group !== undefined ? { group: sub.group, version: sub.version } : {}),
    kind: sub.kind,
    verbs: sub.verbs,
  }));
  return [main, ...subresources];
}

