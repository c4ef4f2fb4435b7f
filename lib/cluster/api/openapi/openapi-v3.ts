/**
 * OpenAPI v3 documents, one per group version, as `GET /openapi/v3/<api/v1|apis/g/v>` serves them, and the
 * index at `GET /openapi/v3`. kubectl (1.27+) reads them for: `explain` (paths → GVK → the component schema
 * whose `x-kubernetes-group-version-kind` lists it), field validation (a PATCH operation with that GVK and a
 * `fieldValidation` query parameter means the server validates, so kubectl sends `fieldValidation=Strict`), and
 * client-side `apply` (the schema's `x-kubernetes-patch-*` extensions, when PATCH accepts strategic merge).
 */
import type { OpenApiInfo, SchemaModel } from "./definition-model";
import { buildPaths, groupVersionName, type OperationModel, tagOf, TEXT_BODY } from "./operations";
import type { ParameterModel } from "./parameters";
import { definitionsByKind, type Definitions, pathDefinitions } from "./schemas";
import { groupVersionPath, type ServedResource } from "./served-resource";
import { sortKeysDeep } from "./sort-keys";

type Json = Record<string, unknown>;

const SCHEMA_PREFIX = "#/components/schemas/";
const JSON_ONLY = ["application/json"];

/**
 * One definition or property in v3 form. A `$ref` with siblings (a property's description, patch extensions)
 * becomes `allOf: [{$ref}]`, since OpenAPI 3.0 ignores a reference's siblings; kubectl reads either form.
 */
export function toV3Schema(schema: SchemaModel): Json {
  const { $ref, v3OneOfTypes, type, items, additionalProperties, properties, ...rest } = schema;
  if ($ref !== undefined) {
    const ref = { $ref: SCHEMA_PREFIX + $ref };
    return Object.keys(rest).length === 0 ? ref : { ...rest, allOf: [ref] };
  }
  const out: Json = { ...rest };
  if (v3OneOfTypes) out.oneOf = v3OneOfTypes.map((t) => ({ type: t }));
  else if (type) out.type = type;
  if (items) out.items = toV3Schema(items);
  if (additionalProperties) out.additionalProperties = toV3Schema(additionalProperties);
  if (properties) out.properties = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, toV3Schema(v)]));
  return out;
}

const responseDescriptions: Record<string, string> = { "200": "OK", "201": "Created", "202": "Accepted" };

function v3Parameter(p: ParameterModel): Json {
  const { name, description, type, required } = p;
  return { name, in: p.in, description, ...(required ? { required: true } : {}), schema: { type, uniqueItems: true } };
}

const contentOf = (types: readonly string[], schema: Json): Json =>
  Object.fromEntries(types.map((type) => [type, { schema }]));

function v3Operation(op: OperationModel): Json {
  const responses: Json = {};
  for (const [code, definition] of Object.entries(op.responses)) {
    const schema = definition === TEXT_BODY ? { type: "string" } : { $ref: SCHEMA_PREFIX + definition };
    responses[code] = {
      description: responseDescriptions[code] ?? code,
      content: contentOf(op.produces, schema),
    };
  }
  responses["401"] = { description: "Unauthorized" };
  return {
    tags: [op.tag],
    description: op.description,
    operationId: op.operationId,
    ...(op.parameters.length > 0 ? { parameters: op.parameters.map(v3Parameter) } : {}),
    ...(op.body
      ? {
          requestBody: {
            content: contentOf(op.body.consumes, { $ref: SCHEMA_PREFIX + op.body.definition }),
            required: op.body.required,
          },
        }
      : {}),
    responses,
    "x-kubernetes-action": op.action,
    "x-kubernetes-group-version-kind": op.gvk,
  };
}

const API_RESOURCE_LIST = "io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList";

/** The v3 document of one group version; `resources` all belong to it. Keys are sorted. */
export function buildV3GroupVersionDocument(
  definitions: Definitions,
  info: OpenApiInfo,
  resources: readonly ServedResource[],
): Json {
  const [first] = resources;
  if (!first) throw new Error("OpenAPI: a group version document needs at least one resource");
  const { group, version } = first;
  const paths = buildPaths(resources, definitionsByKind(definitions));
  const documentPaths: Json = {
    [`/${groupVersionPath(group, version)}/`]: {
      get: {
        tags: [tagOf(group, version)],
        description: "get available resources",
        operationId: `get${groupVersionName(group, version)}APIResources`,
        responses: {
          "200": { description: "OK", content: contentOf(JSON_ONLY, { $ref: SCHEMA_PREFIX + API_RESOURCE_LIST }) },
          "401": { description: "Unauthorized" },
        },
      },
    },
  };
  for (const path of paths) {
    const item: Json = { parameters: path.parameters.map(v3Parameter) };
    for (const op of path.operations) item[op.method] = v3Operation(op);
    documentPaths[path.path] = item;
  }
  const names = pathDefinitions(definitions, paths, [API_RESOURCE_LIST]);
  const schemas = Object.fromEntries(names.map((name) => [name, toV3Schema(definitions.get(name) ?? {})]));
  return sortKeysDeep({ openapi: "3.0.0", info, paths: documentPaths, components: { schemas } });
}

/** The index at `/openapi/v3`; `pathPrefix` is the API server's URL path prefix, if it has one (`/k8s`). */
export function buildV3Index(hashes: ReadonlyMap<string, string>, pathPrefix = ""): Json {
  const paths: Json = {};
  for (const [gvPath, hash] of hashes) {
    paths[gvPath] = { serverRelativeURL: `${pathPrefix}/openapi/v3/${gvPath}?hash=${hash}` };
  }
  return sortKeysDeep({ paths });
}
