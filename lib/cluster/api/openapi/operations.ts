/**
 * The REST paths and operations of one group version, as a neutral model the v2 and v3 writers render.
 * Shapes follow the real API server: collection and item paths (namespaced lists also across all namespaces),
 * subresource paths, `x-kubernetes-action`, and the GVK of the object each operation works on (kubectl finds
 * a resource's kind, and whether PATCH takes `fieldValidation`, through these). Only verbs the resource
 * serves appear. The deprecated `/watch/` paths are left out: watching is `?watch=true` on a list.
 */
import type { GroupVersionKind } from "./definition-model";
import {
  deleteCollectionParameters,
  deleteParameters,
  listParameters,
  logParameters,
  type ParameterModel,
  patchParameters,
  pathParameters,
  queryParameters,
  writeParameters,
} from "./parameters";
import { resolveSubresource, type ServedResource, type Verb } from "./served-resource";

export type HttpMethod = "get" | "put" | "post" | "delete" | "patch";
export type Action = "get" | "list" | "put" | "patch" | "post" | "delete" | "deletecollection";

export const PATCH_CONTENT_TYPES = [
  "application/apply-patch+yaml",
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
];
export const WATCH_CONTENT_TYPE = "application/json;stream=watch";

const META = "io.k8s.apimachinery.pkg.apis.meta.v1";
export const STATUS_DEFINITION = `${META}.Status`;
export const PATCH_DEFINITION = `${META}.Patch`;
export const DELETE_OPTIONS_DEFINITION = `${META}.DeleteOptions`;
/** Stands for a plain-text response body (pod logs) where a definition name would be. */
export const TEXT_BODY = "";

export type OperationModel = {
  method: HttpMethod;
  operationId: string;
  description: string;
  tag: string;
  action: Action;
  gvk: GroupVersionKind;
  parameters: ParameterModel[];
  /** The request body's definition and media types. */
  body?: { definition: string; consumes: string[]; required: boolean };
  /** Status code → definition name of the response body (TEXT_BODY for text). */
  responses: Record<string, string>;
  produces: string[];
};

export type PathModel = { path: string; parameters: ParameterModel[]; operations: OperationModel[] };

/** `AppsV1`, `CoreV1`, `RbacAuthorizationV1`: the middle of Kubernetes' operation ids. */
export function groupVersionName(group: string, version: string): string {
  const parts = group === "" ? ["core"] : group.replace(/\.k8s\.io$/, "").split(/[.-]/);
  return parts.map(capitalize).join("") + capitalize(version);
}

/** `apps_v1`, `core_v1`, `rbacAuthorization_v1`: the operation tag of a group version. */
export function tagOf(group: string, version: string): string {
  const name = groupVersionName(group, "");
  return `${name.charAt(0).toLowerCase()}${name.slice(1)}_${version}`;
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const JSON_ONLY = ["application/json"];
const watchParameterNames = new Set(["watch", "allowWatchBookmarks"]);
const ANY_BODY = ["*/*"];

/**
 * Builds the path models for resources of one group version. `definitionOf` names the definition of a kind
 * (undefined when there is none: such resources and subresources are left out rather than left dangling).
 */
export function buildPaths(
  resources: readonly ServedResource[],
  definitionOf: (gvk: GroupVersionKind) => string | undefined,
): PathModel[] {
  const paths = new Map<string, PathModel>();
  const add = (path: string, parameters: ParameterModel[], operation: OperationModel) => {
    const entry = paths.get(path) ?? { path, parameters, operations: [] };
    entry.operations.push(operation);
    paths.set(path, entry);
  };

  for (const resource of resources) {
    const { group, version, kind, plural, namespaced } = resource;
    const gvk = { group, version, kind };
    const object = definitionOf(gvk);
    if (!object) continue;
    const list = definitionOf({ ...gvk, kind: `${kind}List` });
    const has = (verb: Verb) => resource.verbs.includes(verb);
    const tag = tagOf(group, version);
    const gv = groupVersionName(group, version);
    const id = (verb: string, suffix = "") => `${verb}${gv}${namespaced ? "Namespaced" : ""}${kind}${suffix}`;
    const op = (o: Shape & { gvk?: GroupVersionKind }): OperationModel => ({ tag, gvk, ...o });

    const root = group === "" ? `/api/${version}` : `/apis/${group}/${version}`;
    const collection = `${root}${namespaced ? "/namespaces/{namespace}" : ""}/${plural}`;
    const item = `${collection}/{name}`;
    const collectionParams = namespaced ? [pathParameters.namespace, queryParameters.pretty] : [queryParameters.pretty];
    const itemParams = [pathParameters.name, ...collectionParams];

    if (has("list") && list) {
      const watchable = has("watch");
      const listOp = (operationId: string, description: string) =>
        op({
          method: "get",
          operationId,
          description,
          action: "list",
          parameters: watchable ? listParameters : listParameters.filter((p) => !watchParameterNames.has(p.name)),
          responses: { "200": list },
          produces: watchable ? [...JSON_ONLY, WATCH_CONTENT_TYPE] : JSON_ONLY,
        });
      add(collection, collectionParams, listOp(id("list"), `list or watch objects of kind ${kind}`));
      if (namespaced) {
        const description = `list or watch objects of kind ${kind} in all namespaces`;
        add(`${root}/${plural}`, [queryParameters.pretty], listOp(`list${gv}${kind}ForAllNamespaces`, description));
      }
    }
    if (has("create")) add(collection, collectionParams, op(createOperation(id("create"), `create a ${kind}`, object)));
    if (has("deletecollection")) {
      add(
        collection,
        collectionParams,
        op({
          method: "delete",
          operationId: id("deletecollection"),
          description: `delete a collection of ${kind}`,
          action: "deletecollection",
          parameters: deleteCollectionParameters,
          body: { definition: DELETE_OPTIONS_DEFINITION, consumes: ANY_BODY, required: false },
          responses: { "200": STATUS_DEFINITION },
          produces: JSON_ONLY,
        }),
      );
    }
    if (has("get")) add(item, itemParams, op(readOperation(id("read"), `read the specified ${kind}`, object, [])));
    if (has("update")) {
      add(item, itemParams, op(replaceOperation(id("replace"), `replace the specified ${kind}`, object)));
    }
    if (has("patch")) {
      add(item, itemParams, op(patchOperation(id("patch"), `partially update the specified ${kind}`, object, resource.patchTypes)));
    }
    if (has("delete")) {
      add(
        item,
        itemParams,
        op({
          method: "delete",
          operationId: id("delete"),
          description: `delete a ${kind}`,
          action: "delete",
          parameters: deleteParameters,
          body: { definition: DELETE_OPTIONS_DEFINITION, consumes: ANY_BODY, required: false },
          responses: { "200": STATUS_DEFINITION, "202": STATUS_DEFINITION },
          produces: JSON_ONLY,
        }),
      );
    }

    for (const given of resource.subresources ?? []) {
      const sub = resolveSubresource(resource, given);
      const subGvk = { group: sub.group, version: sub.version, kind: sub.kind };
      const body = sub.text ? TEXT_BODY : definitionOf(subGvk);
      if (body === undefined) continue;
      const path = `${item}/${sub.name}`;
      const subId = (verb: string) => id(verb, capitalize(sub.name));
      const what = `${sub.name} of the specified ${kind}`;
      const shapeOf = (verb: Verb): Shape | undefined => {
        if (verb === "get") return readOperation(subId("read"), `read ${what}`, body, sub.text ? logParameters : []);
        if (sub.text) return undefined; // logs are only read
        if (verb === "update") return replaceOperation(subId("replace"), `replace ${what}`, body);
        if (verb === "patch") return patchOperation(subId("patch"), `partially update ${what}`, body, resource.patchTypes);
        if (verb === "create") return createOperation(subId("create"), `create ${what}`, body);
        return undefined;
      };
      for (const verb of sub.verbs) {
        const shape = shapeOf(verb);
        if (shape) add(path, itemParams, op({ ...shape, gvk: subGvk }));
      }
    }
  }
  return [...paths.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

type Shape = Omit<OperationModel, "tag" | "gvk">;

function readOperation(
  operationId: string,
  description: string,
  definition: string,
  parameters: ParameterModel[],
): Shape {
  const produces = definition === TEXT_BODY ? ["text/plain"] : JSON_ONLY;
  const responses = { "200": definition };
  return { method: "get", operationId, description, action: "get", parameters, responses, produces };
}

function createOperation(operationId: string, description: string, definition: string): Shape {
  return {
    method: "post",
    operationId,
    description,
    action: "post",
    parameters: writeParameters,
    body: { definition, consumes: ANY_BODY, required: true },
    responses: { "200": definition, "201": definition, "202": definition },
    produces: JSON_ONLY,
  };
}

function replaceOperation(operationId: string, description: string, definition: string): Shape {
  return {
    method: "put",
    operationId,
    description,
    action: "put",
    parameters: writeParameters,
    body: { definition, consumes: ANY_BODY, required: true },
    responses: { "200": definition, "201": definition },
    produces: JSON_ONLY,
  };
}

function patchOperation(
  operationId: string,
  description: string,
  definition: string,
  consumes: readonly string[] = PATCH_CONTENT_TYPES,
): Shape {
  return {
    method: "patch",
    operationId,
    description,
    action: "patch",
    parameters: patchParameters,
    body: { definition: PATCH_DEFINITION, consumes: [...consumes], required: true },
    responses: { "200": definition, "201": definition },
    produces: JSON_ONLY,
  };
}
