import type { KubeObject } from "../../store/object-store";
import type { StatusCause } from "../status";
import { compileJSONPath } from "../table/jsonpath";
import { isJsonObject } from "./json-schema";
import { fieldErrors } from "./field-errors";
import { readCrd, type CrdNames } from "./crd-object";
import { validateStructuralSchema } from "./validate-schema";

// apiextensions.k8s.io/v1 validation of a CustomResourceDefinition, for the mistakes people make most, with
// Kubernetes' messages: the name is <plural>.<group>, exactly one storage version, schemas are required and
// structural, DNS-1035 names, sensible printer columns and scale paths.

const dns1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const dns1123Label = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const dns1123Subdomain = new RegExp(`^${dns1123Label}(\\.${dns1123Label})*$`);

function dns1035Errors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push("must be no more than 63 characters");
  if (!dns1035.test(value)) {
    errors.push(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, " +
        "and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  }
  return errors;
}

function checkNames(names: CrdNames, path: string, causes: StatusCause[]): void {
  const label = (field: string, value: string, lower = false) => {
    const errors = dns1035Errors(lower ? value.toLowerCase() : value);
    if (value !== "" && errors.length > 0) {
      causes.push(fieldErrors.invalid(`${path}.${field}`, value, (lower ? "may have mixed case, but should otherwise match: " : "") + errors.join(",")));
    }
  };
  for (const field of ["plural", "singular", "kind", "listKind"] as const) {
    if (names[field] === "") causes.push(fieldErrors.required(`${path}.${field}`));
  }
  label("plural", names.plural);
  label("singular", names.singular);
  label("kind", names.kind, true);
  label("listKind", names.listKind, true);
  names.shortNames.forEach((s, i) => label(`shortNames[${i}]`, s));
  if (names.kind !== "" && names.kind === names.listKind) {
    causes.push(fieldErrors.invalid(`${path}.listKind`, names.listKind, "kind and listKind may not be the same"));
  }
  names.categories.forEach((c, i) => label(`categories[${i}]`, c));
}

const columnTypes = ["integer", "number", "string", "boolean", "date"];
const columnFormats = ["int32", "int64", "float", "double", "byte", "date", "date-time", "password"];

function checkVersion(raw: Record<string, unknown>, path: string, causes: StatusCause[]): void {
  const schema = isJsonObject(raw.schema) ? raw.schema.openAPIV3Schema : undefined;
  if (schema === undefined) causes.push(fieldErrors.required(`${path}.schema.openAPIV3Schema`, "schemas are required"));
  else causes.push(...validateStructuralSchema(schema, `${path}.schema.openAPIV3Schema`));
  const columns = Array.isArray(raw.additionalPrinterColumns) ? raw.additionalPrinterColumns : [];
  columns.forEach((column, i) => {
    const at = `${path}.additionalPrinterColumns[${i}]`;
    const c = isJsonObject(column) ? column : {};
    if (typeof c.name !== "string" || c.name === "") causes.push(fieldErrors.required(`${at}.name`));
    if (!(typeof c.type === "string" && columnTypes.includes(c.type))) causes.push(fieldErrors.notSupported(`${at}.type`, c.type ?? "", columnTypes));
    if (c.format !== undefined && c.format !== "" && !(typeof c.format === "string" && columnFormats.includes(c.format))) {
      causes.push(fieldErrors.notSupported(`${at}.format`, c.format, columnFormats));
    }
    if (typeof c.jsonPath !== "string" || c.jsonPath === "") causes.push(fieldErrors.required(`${at}.jsonPath`));
    else if (!validJsonPath(c.jsonPath)) causes.push(fieldErrors.invalid(`${at}.jsonPath`, c.jsonPath, "must be a simple json path starting with ."));
  });
  const subresources = isJsonObject(raw.subresources) ? raw.subresources : {};
  if (isJsonObject(subresources.scale)) {
    const scale = subresources.scale;
    const path_ = `${path}.subresources.scale`;
    const under = (field: string, prefix: string, required: boolean) => {
      const value = scale[field];
      if (value === undefined || value === "") {
        if (required) causes.push(fieldErrors.required(`${path_}.${field}`));
      } else if (typeof value !== "string" || !value.startsWith(`${prefix}.`) || !validJsonPath(value)) {
        causes.push(fieldErrors.invalid(`${path_}.${field}`, value, `should be a json path under ${prefix}`));
      }
    };
    under("specReplicasPath", ".spec", true);
    under("statusReplicasPath", ".status", true);
    under("labelSelectorPath", ".status", false);
  }
}

function validJsonPath(path: string): boolean {
  if (!path.startsWith(".")) return false;
  try {
    compileJSONPath(path);
    return true;
  } catch {
    return false;
  }
}

/** Everything wrong with a CRD (after defaulting), as 422 causes; none when it can be stored. */
export function validateCrd(object: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const crd = readCrd(object);
  const spec = isJsonObject(object.spec) ? object.spec : {};
  const group = crd.group;
  if (crd.name !== `${crd.names.plural}.${group}`) {
    causes.push(fieldErrors.invalid("metadata.name", crd.name, 'must be spec.names.plural+"."+spec.group'));
  }
  const annotations = isJsonObject(object.metadata.annotations) ? object.metadata.annotations : {};
  if (/(^|\.)(k8s|kubernetes)\.io$/.test(group) && typeof annotations["api-approved.kubernetes.io"] !== "string") {
    causes.push(
      fieldErrors.required(
        "metadata.annotations[api-approved.kubernetes.io]",
        'protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111',
      ),
    );
  }
  if (group === "") causes.push(fieldErrors.required("spec.group"));
  else if (!dns1123Subdomain.test(group) || group.length > 253) {
    causes.push(fieldErrors.invalid("spec.group", group, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
  } else if (!group.includes(".")) causes.push(fieldErrors.invalid("spec.group", group, "should be a domain with at least one dot"));
  if (crd.scope === "") causes.push(fieldErrors.required("spec.scope"));
  else if (crd.scope !== "Cluster" && crd.scope !== "Namespaced") causes.push(fieldErrors.notSupported("spec.scope", crd.scope, ["Cluster", "Namespaced"]));

  const rawVersions = Array.isArray(spec.versions) ? spec.versions : [];
  const seen = new Set<string>();
  let unique = true;
  rawVersions.forEach((raw, i) => {
    const version = isJsonObject(raw) ? raw : {};
    const name = typeof version.name === "string" ? version.name : "";
    if (seen.has(name)) unique = false;
    seen.add(name);
    const errors = dns1035Errors(name);
    if (errors.length > 0) causes.push(fieldErrors.invalid(`spec.versions[${i}].name`, name, errors.join(",")));
    checkVersion(version, `spec.versions[${i}]`, causes);
  });
  const versions = describeVersions(crd.versions);
  if (crd.versions.filter((v) => v.storage).length !== 1) {
    causes.push({ reason: "FieldValueInvalid", field: "spec.versions", message: `Invalid value: ${versions}: must have exactly one version marked as storage version` });
  }
  if (!unique) causes.push({ reason: "FieldValueInvalid", field: "spec.versions", message: `Invalid value: ${versions}: must contain unique version names` });
  checkNames(crd.names, "spec.names", causes);
  return causes;
}

/** Go's %#v of the versions would be pages long; the fields that matter here, in its shape. */
function describeVersions(versions: { name: string; served: boolean; storage: boolean }[]): string {
  if (versions.length === 0) return "[]apiextensions.CustomResourceDefinitionVersion(nil)";
  const items = versions.map((v) => `apiextensions.CustomResourceDefinitionVersion{Name:${JSON.stringify(v.name)}, Served:${v.served}, Storage:${v.storage}}`);
  return `[]apiextensions.CustomResourceDefinitionVersion{${items.join(", ")}}`;
}

/** Fields a CRD may not change once stored (they are part of its objects' storage keys or identity). */
export function validateCrdUpdate(object: KubeObject, old: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const next = readCrd(object);
  const prev = readCrd(old);
  const immutable = (field: string, a: string, b: string) => {
    if (a !== b) causes.push(fieldErrors.invalid(field, a, "field is immutable"));
  };
  immutable("spec.group", next.group, prev.group);
  immutable("spec.names.plural", next.names.plural, prev.names.plural);
  if (prev.conditions.some((c) => c.type === "Established" && c.status === "True")) {
    immutable("spec.scope", next.scope, prev.scope);
    immutable("spec.names.kind", next.names.kind, prev.names.kind);
  }
  return causes;
}
