import type { CustomResourceInfo } from "../crd/custom-resource-info";

/** What the API server knows about one kind of object: the facts discovery publishes and routing needs. */
export type Verb = "create" | "delete" | "deletecollection" | "get" | "list" | "patch" | "update" | "watch";

export type Subresource = { name: string; kind: string; group?: string; version?: string; verbs: Verb[] };

export type ResourceType = {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  namespaced: boolean;
  verbs: Verb[];
  subresources: Subresource[];
  /** Set for the versions a CustomResourceDefinition serves: schema, printer columns, scale paths. */
  custom?: CustomResourceInfo;
};

export const crudVerbs: Verb[] = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

/** `apps/v1`, or `v1` for the core group, as in apiVersion fields. */
export function groupVersion(type: { group: string; version: string }): string {
  return type.group === "" ? type.version : `${type.group}/${type.version}`;
}

/** `deployments.apps`, or `pods` for the core group, as Kubernetes names resources in messages. */
export function qualifiedResource(type: { group: string; plural: string }): string {
  return type.group === "" ? type.plural : `${type.plural}.${type.group}`;
}
