import type { StatusCause } from "../status";
import { fieldErrors, keyPath } from "./field-errors";
import { isJsonObject, type JsonSchema } from "./json-schema";
import { validateValue } from "./validate-fields";

// The structural-schema rules apiextensions.k8s.io/v1 enforces on a CRD version's openAPIV3Schema, with its
// messages: every node says its type (so pruning and defaulting know what a field holds), lists say what
// their items are, and the features that make pruning ambiguous are refused.

const supportedTypes = ["array", "boolean", "integer", "number", "object", "string"];

type Where = "root" | "field" | "item";

/** `(a+)+`, `(\\w*x)*`, `(a|b+){2,}`: a group with unbounded repetition inside, itself repeated without bound. */
const nestedUnboundedQuantifier = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\})/;

function checkNode(schema: unknown, path: string, where: Where, causes: StatusCause[], depth: number, at = ""): void {
  if (depth > 64 || !isJsonObject(schema)) return;
  const s = schema as JsonSchema & Record<string, unknown>;
  const intOrString = s["x-kubernetes-int-or-string"] === true;
  const preserve = s["x-kubernetes-preserve-unknown-fields"];
  for (const key of ["$ref", "definitions", "dependencies", "additionalItems", "patternProperties"]) {
    if (s[key] !== undefined) causes.push(fieldErrors.forbidden(`${path}.${key}`, `${key} is not supported`));
  }
  if (s.type !== undefined && !supportedTypes.includes(s.type)) {
    causes.push(fieldErrors.notSupported(`${path}.type`, s.type, supportedTypes));
  }
  if (intOrString && s.type !== undefined) {
    causes.push(fieldErrors.invalid(`${path}.type`, s.type, "must be empty if x-kubernetes-int-or-string is true"));
  }
  if (where === "root" && s.type === undefined) causes.push(fieldErrors.required(`${path}.type`, "must not be empty at the root"));
  else if (where === "root" && s.type !== "object") causes.push(fieldErrors.invalid(`${path}.type`, s.type, "must be object at the root"));
  else if (s.type === undefined && !intOrString && preserve !== true) {
    const what = where === "item" ? "for specified array items" : "for specified object fields";
    causes.push(fieldErrors.required(`${path}.type`, `must not be empty ${what}`));
  }
  if (preserve !== undefined && preserve !== true) {
    causes.push(fieldErrors.invalid(`${path}.x-kubernetes-preserve-unknown-fields`, preserve, "must be true or undefined"));
  }
  if (s["x-kubernetes-embedded-resource"] === true && s.type !== "object") {
    causes.push(fieldErrors.required(`${path}.type`, "must be object if x-kubernetes-embedded-resource is true"));
  }
  if (s.uniqueItems === true) {
    causes.push(fieldErrors.forbidden(`${path}.uniqueItems`, "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
  }
  if (s.type === "array" && s.items === undefined) causes.push(fieldErrors.required(`${path}.items`, "must be specified"));
  if (s.pattern !== undefined) {
    try {
      new RegExp(String(s.pattern), "u");
      if (nestedUnboundedQuantifier.test(String(s.pattern))) {
        // Go's RE2 matches in linear time; JavaScript's backtracking engine can take exponential time on these,
        // and one learner's CRD must not stall the API server everyone shares.
        causes.push(fieldErrors.invalid(`${path}.pattern`, s.pattern, "a repeated group may not itself contain unbounded repetition (+, * or {n,}) here"));
      }
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      causes.push(fieldErrors.invalid(`${path}.pattern`, s.pattern, `must be a valid regular expression, but isn't: ${detail}`));
    }
  }
  if (s.default !== undefined && causes.length === 0) {
    // A default must itself be valid where it goes; the causes name it, as Kubernetes' do.
    const { default: _default, ...rest } = s;
    for (const cause of validateValue(rest, s.default, at)) causes.push({ ...cause, field: `${path}.default` });
  }
  const properties = isJsonObject(s.properties) ? s.properties : {};
  if (Object.keys(properties).length > 0 && isJsonObject(s.additionalProperties)) {
    causes.push(fieldErrors.forbidden(`${path}.additionalProperties`, "additionalProperties and properties are mutual exclusive"));
  }
  for (const [key, child] of Object.entries(properties)) {
    const childPath = keyPath(`${path}.properties`, key);
    if (where === "root" && key === "metadata") checkRootMetadata(child, childPath, causes);
    else checkNode(child, childPath, "field", causes, depth + 1, at === "" ? key : `${at}.${key}`);
  }
  if (isJsonObject(s.additionalProperties)) checkNode(s.additionalProperties, `${path}.additionalProperties`, "field", causes, depth + 1, `${at}[key]`);
  if (s.items !== undefined) {
    if (Array.isArray(s.items)) causes.push(fieldErrors.forbidden(`${path}.items`, "items must be a schema object and not an array"));
    else checkNode(s.items, `${path}.items`, "item", causes, depth + 1, `${at}[0]`);
  }
}

/** At the root, metadata is ObjectMeta: a schema may only constrain name and generateName. */
function checkRootMetadata(schema: unknown, path: string, causes: StatusCause[]): void {
  if (!isJsonObject(schema)) return;
  const allowed = new Set(["type", "properties", "description"]);
  const names = isJsonObject(schema.properties) ? Object.keys(schema.properties) : [];
  const extraKeys = Object.keys(schema).filter((k) => !allowed.has(k));
  if (extraKeys.length > 0 || names.some((n) => n !== "name" && n !== "generateName")) {
    causes.push(fieldErrors.forbidden(path, "must not specify anything other than name and generateName, but metadata is implicitly specified"));
  }
}

/** Causes for one version's `schema.openAPIV3Schema` (at `path`); none when the schema is structural. */
export function validateStructuralSchema(schema: unknown, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  checkNode(schema, path, "root", causes, 0);
  return causes;
}
