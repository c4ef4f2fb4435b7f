/**
 * The Swagger 2.0 document at `GET /openapi/v2`: every served group version in one document. Clients before
 * kubectl 1.27 read it (as protobuf, see openapi-v2-proto.ts) for client-side validation and `explain`;
 * newer ones still use it for client-side validation when the server does not advertise `fieldValidation`.
 * Definitions carry `x-kubernetes-group-version-kind` as a list, operations as a single object, as Kubernetes
 * publishes them (kubectl parses each form where it expects it).
 */
import type { OpenApiInfo, SchemaModel } from "./definition-model";
import { buildPaths, type OperationModel, type PathModel, TEXT_BODY } from "./operations";
import type { ParameterModel } from "./parameters";
import { definitionsByKind, type Definitions, pathDefinitions } from "./schemas";
import { groupByGroupVersion, type ServedResource } from "./served-resource";
import { sortKeysDeep } from "./sort-keys";

type Json = Record<string, unknown>;

const DEFINITION_PREFIX = "#/definitions/";

/** One definition or property in v2 form: `$ref` keeps its siblings (v2 clients read a property's description). */
export function toV2Schema(schema: SchemaModel): Json {
  const { $ref, v3OneOfTypes: _v3Only, items, additionalProperties, properties, ...rest } = schema;
  const out: Json = { ...rest };
  if ($ref !== undefined) out.$ref = DEFINITION_PREFIX + $ref;
  if (items) out.items = toV2Schema(items);
  if (additionalProperties) out.additionalProperties = toV2Schema(additionalProperties);
  if (properties) out.properties = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, toV2Schema(v)]));
  return out;
}

const responseDescriptions: Record<string, string> = { "200": "OK", "201": "Created", "202": "Accepted" };

function v2Parameter(p: ParameterModel): Json {
  const { name, description, type, required } = p;
  return { name, in: p.in, description, type, uniqueItems: true, ...(required ? { required: true } : {}) };
}

function v2Operation(op: OperationModel): Json {
  const responses: Json = {};
  for (const [code, definition] of Object.entries(op.responses)) {
    const schema = definition === TEXT_BODY ? { type: "string" } : { $ref: DEFINITION_PREFIX + definition };
    responses[code] = { description: responseDescriptions[code] ?? code, schema };
  }
  responses["401"] = { description: "Unauthorized" };
  const parameters = op.parameters.map(v2Parameter);
  if (op.body) {
    const schema = { $ref: DEFINITION_PREFIX + op.body.definition };
    parameters.unshift({ name: "body", in: "body", required: op.body.required, schema });
  }
  return {
    tags: [op.tag],
    description: op.description,
    operationId: op.operationId,
    ...(op.body ? { consumes: op.body.consumes } : {}),
    produces: op.produces,
    schemes: ["https"],
    ...(parameters.length > 0 ? { parameters } : {}),
    responses,
    "x-kubernetes-action": op.action,
    "x-kubernetes-group-version-kind": op.gvk,
  };
}

/** The whole v2 document, keys sorted. */
export function buildV2Document(
  definitions: Definitions,
  info: OpenApiInfo,
  resources: readonly ServedResource[],
): Json {
  const byKind = definitionsByKind(definitions);
  const allPaths: PathModel[] = [];
  for (const group of groupByGroupVersion(resources).values()) allPaths.push(...buildPaths(group, byKind));
  const paths: Json = {};
  for (const path of allPaths) {
    const item: Json = { parameters: path.parameters.map(v2Parameter) };
    for (const op of path.operations) item[op.method] = v2Operation(op);
    paths[path.path] = item;
  }
  const names = pathDefinitions(definitions, allPaths);
  const v2Definitions = Object.fromEntries(names.map((name) => [name, toV2Schema(definitions.get(name) ?? {})]));
  return sortKeysDeep({ swagger: "2.0", info, paths, definitions: v2Definitions });
}
