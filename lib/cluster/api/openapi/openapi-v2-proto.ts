/**
 * The v2 document as gnostic's `openapi.v2.Document` protobuf: what kubectl up to 1.26 (and newer ones when
 * they validate client-side) fetch from `/openapi/v2` with
 * `Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`. The message declarations below are the
 * subset of gnostic's OpenAPIv2.proto that the document uses (same field numbers; the rest of the schema is
 * simply never written). Vendor extensions are `NamedAny`s whose value is YAML text, as gnostic writes them.
 */
import protobuf from "protobufjs";
import YAML from "yaml";
import { compareCodePoints } from "./sort-keys";

export const OPENAPI_V2_PROTOBUF_CONTENT_TYPE = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

type Fields = Record<string, { id: number; type: string; rule?: "repeated" }>;
const msg = (fields: Fields, oneof?: string[]) => ({ fields, ...(oneof ? { oneofs: { oneof: { oneof } } } : {}) });
const f = (id: number, type: string) => ({ id, type });
const r = (id: number, type: string) => ({ id, type, rule: "repeated" as const });

/** Field numbers from gnostic's openapiv2/OpenAPIv2.proto (package openapi.v2). */
const descriptor = {
  nested: {
    openapi: {
      nested: {
        v2: {
          nested: {
            Any: msg({ yaml: f(2, "string") }),
            NamedAny: msg({ name: f(1, "string"), value: f(2, "Any") }),
            Info: msg({ title: f(1, "string"), version: f(2, "string"), description: f(3, "string") }),
            Document: msg({
              swagger: f(1, "string"),
              info: f(2, "Info"),
              host: f(3, "string"),
              basePath: f(4, "string"),
              schemes: r(5, "string"),
              consumes: r(6, "string"),
              produces: r(7, "string"),
              paths: f(8, "Paths"),
              definitions: f(9, "Definitions"),
              vendorExtension: r(16, "NamedAny"),
            }),
            Paths: msg({ vendorExtension: r(1, "NamedAny"), path: r(2, "NamedPathItem") }),
            NamedPathItem: msg({ name: f(1, "string"), value: f(2, "PathItem") }),
            PathItem: msg({
              ref: f(1, "string"),
              get: f(2, "Operation"),
              put: f(3, "Operation"),
              post: f(4, "Operation"),
              delete: f(5, "Operation"),
              options: f(6, "Operation"),
              head: f(7, "Operation"),
              patch: f(8, "Operation"),
              parameters: r(9, "ParametersItem"),
              vendorExtension: r(10, "NamedAny"),
            }),
            Operation: msg({
              tags: r(1, "string"),
              summary: f(2, "string"),
              description: f(3, "string"),
              operationId: f(5, "string"),
              produces: r(6, "string"),
              consumes: r(7, "string"),
              parameters: r(8, "ParametersItem"),
              responses: f(9, "Responses"),
              schemes: r(10, "string"),
              deprecated: f(11, "bool"),
              vendorExtension: r(13, "NamedAny"),
            }),
            ParametersItem: msg({ parameter: f(1, "Parameter"), jsonReference: f(2, "JsonReference") }, [
              "parameter",
              "jsonReference",
            ]),
            JsonReference: msg({ ref: f(1, "string"), description: f(2, "string") }),
            Parameter: msg({ bodyParameter: f(1, "BodyParameter"), nonBodyParameter: f(2, "NonBodyParameter") }, [
              "bodyParameter",
              "nonBodyParameter",
            ]),
            BodyParameter: msg({
              description: f(1, "string"),
              name: f(2, "string"),
              in: f(3, "string"),
              required: f(4, "bool"),
              schema: f(5, "Schema"),
              vendorExtension: r(6, "NamedAny"),
            }),
            NonBodyParameter: msg(
              {
                queryParameterSubSchema: f(3, "QueryParameterSubSchema"),
                pathParameterSubSchema: f(4, "PathParameterSubSchema"),
              },
              ["queryParameterSubSchema", "pathParameterSubSchema"],
            ),
            QueryParameterSubSchema: msg({
              required: f(1, "bool"),
              in: f(2, "string"),
              description: f(3, "string"),
              name: f(4, "string"),
              allowEmptyValue: f(5, "bool"),
              type: f(6, "string"),
              format: f(7, "string"),
              uniqueItems: f(20, "bool"),
              vendorExtension: r(23, "NamedAny"),
            }),
            PathParameterSubSchema: msg({
              required: f(1, "bool"),
              in: f(2, "string"),
              description: f(3, "string"),
              name: f(4, "string"),
              type: f(5, "string"),
              format: f(6, "string"),
              uniqueItems: f(19, "bool"),
              vendorExtension: r(22, "NamedAny"),
            }),
            Responses: msg({ responseCode: r(1, "NamedResponseValue"), vendorExtension: r(2, "NamedAny") }),
            NamedResponseValue: msg({ name: f(1, "string"), value: f(2, "ResponseValue") }),
            ResponseValue: msg({ response: f(1, "Response"), jsonReference: f(2, "JsonReference") }, [
              "response",
              "jsonReference",
            ]),
            Response: msg({
              description: f(1, "string"),
              schema: f(2, "SchemaItem"),
              vendorExtension: r(5, "NamedAny"),
            }),
            SchemaItem: msg({ schema: f(1, "Schema") }, ["schema"]),
            Definitions: msg({ additionalProperties: r(1, "NamedSchema") }),
            NamedSchema: msg({ name: f(1, "string"), value: f(2, "Schema") }),
            Schema: msg({
              ref: f(1, "string"),
              format: f(2, "string"),
              title: f(3, "string"),
              description: f(4, "string"),
              required: r(19, "string"),
              additionalProperties: f(21, "AdditionalPropertiesItem"),
              type: f(22, "TypeItem"),
              items: f(23, "ItemsItem"),
              allOf: r(24, "Schema"),
              properties: f(25, "Properties"),
              readOnly: f(27, "bool"),
              vendorExtension: r(31, "NamedAny"),
            }),
            AdditionalPropertiesItem: msg({ schema: f(1, "Schema"), boolean: f(2, "bool") }, ["schema", "boolean"]),
            TypeItem: msg({ value: r(1, "string") }),
            ItemsItem: msg({ schema: r(1, "Schema") }),
            Properties: msg({ additionalProperties: r(1, "NamedSchema") }),
          },
        },
      },
    },
  },
};

/** The protobufjs type of gnostic's `openapi.v2.Document` (also handy for decoding in tests). */
export const openApiV2DocumentType = protobuf.Root.fromJSON(descriptor).lookupType("openapi.v2.Document");

type Json = Record<string, unknown>;
const isJson = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const asJson = (value: unknown, where: string): Json => {
  if (!isJson(value)) throw new Error(`OpenAPI v2 protobuf: ${where} is not an object`);
  return value;
};
const entries = (value: unknown, where: string) =>
  Object.entries(asJson(value, where)).sort(([a], [b]) => compareCodePoints(a, b));

/** A vendor extension as gnostic stores it: the value as YAML text (strings quoted, so YAML 1.1 readers agree). */
export function namedAny(name: string, value: unknown): Json {
  const yaml = YAML.stringify(value, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN", lineWidth: 0 });
  return { name, value: { yaml } };
}

/** Splits `x-` keys off into vendor extensions; hands the rest to `field` (which throws on keys it does not know). */
function convert(json: Json, where: string, field: (key: string, value: unknown, out: Json) => void): Json {
  const out: Json = {};
  const extensions: Json[] = [];
  for (const [key, value] of entries(json, where)) {
    if (key.startsWith("x-")) extensions.push(namedAny(key, value));
    else field(key, value, out);
  }
  if (extensions.length > 0) out.vendorExtension = extensions;
  return out;
}

const unknownKey = (where: string, key: string) => new Error(`OpenAPI v2 protobuf: unsupported key ${key} in ${where}`);

function schemaMessage(json: unknown, where: string): Json {
  return convert(asJson(json, where), where, (key, value, out) => {
    switch (key) {
      case "$ref":
        out.ref = value;
        break;
      case "format":
      case "title":
      case "description":
      case "required":
        out[key] = value;
        break;
      case "type":
        out.type = { value: Array.isArray(value) ? value : [value] };
        break;
      case "items":
        out.items = { schema: [schemaMessage(value, `${where}.items`)] };
        break;
      case "additionalProperties":
        out.additionalProperties =
          typeof value === "boolean"
            ? { boolean: value }
            : { schema: schemaMessage(value, `${where}.additionalProperties`) };
        break;
      case "properties":
        out.properties = {
          additionalProperties: entries(value, where).map(([name, s]) => ({
            name,
            value: schemaMessage(s, `${where}.${name}`),
          })),
        };
        break;
      default:
        throw unknownKey(where, key);
    }
  });
}

function parameterMessage(json: unknown, where: string): Json {
  const p = asJson(json, where);
  if (p.in === "body") {
    return {
      parameter: {
        bodyParameter: convert(p, where, (key, value, out) => {
          if (key === "schema") out.schema = schemaMessage(value, `${where}.schema`);
          else if (["name", "in", "description", "required"].includes(key)) out[key] = value;
          else throw unknownKey(where, key);
        }),
      },
    };
  }
  const sub = convert(p, where, (key, value, out) => {
    if (["name", "in", "description", "required", "type", "format", "uniqueItems"].includes(key)) out[key] = value;
    else throw unknownKey(where, key);
  });
  const kind = p.in === "query" ? "queryParameterSubSchema" : p.in === "path" ? "pathParameterSubSchema" : undefined;
  if (!kind) throw new Error(`OpenAPI v2 protobuf: parameter in ${String(p.in)} at ${where}`);
  return { parameter: { nonBodyParameter: { [kind]: sub } } };
}

function operationMessage(json: unknown, where: string): Json {
  return convert(asJson(json, where), where, (key, value, out) => {
    switch (key) {
      case "tags":
      case "summary":
      case "description":
      case "operationId":
      case "produces":
      case "consumes":
      case "schemes":
      case "deprecated":
        out[key] = value;
        break;
      case "parameters":
        out.parameters = (value as unknown[]).map((p, i) => parameterMessage(p, `${where}.parameters[${i}]`));
        break;
      case "responses":
        out.responses = {
          responseCode: entries(value, where).map(([code, response]) => ({
            name: code,
            value: {
              response: convert(asJson(response, `${where}.${code}`), `${where}.${code}`, (k, v, o) => {
                if (k === "description") o.description = v;
                else if (k === "schema") o.schema = { schema: schemaMessage(v, `${where}.${code}.schema`) };
                else throw unknownKey(where, k);
              }),
            },
          })),
        };
        break;
      default:
        throw unknownKey(where, key);
    }
  });
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch"]);

/** Encodes a Swagger 2.0 document (as built by openapi-v2.ts) as gnostic protobuf. */
export function encodeOpenApiV2(document: Json): Uint8Array {
  const message = convert(document, "document", (key, value, out) => {
    switch (key) {
      case "swagger":
      case "host":
      case "basePath":
      case "schemes":
      case "consumes":
      case "produces":
        out[key] = value;
        break;
      case "info":
        out.info = value;
        break;
      case "definitions":
        out.definitions = {
          additionalProperties: entries(value, "definitions").map(([name, schema]) => ({
            name,
            value: schemaMessage(schema, name),
          })),
        };
        break;
      case "paths":
        out.paths = {
          path: entries(value, "paths").map(([path, item]) => ({
            name: path,
            value: convert(asJson(item, path), path, (method, op, o) => {
              if (method === "parameters") {
                o.parameters = (op as unknown[]).map((p, i) => parameterMessage(p, `${path}.parameters[${i}]`));
              } else if (METHODS.has(method)) o[method] = operationMessage(op, `${path}.${method}`);
              else throw unknownKey(path, method);
            }),
          })),
        };
        break;
      default:
        throw unknownKey("document", key);
    }
  });
  const invalid = openApiV2DocumentType.verify(message);
  if (invalid) throw new Error(`OpenAPI v2 protobuf: ${invalid}`);
  return openApiV2DocumentType.encode(message).finish();
}
