import type { StatusCause } from "../status";
import { goFloat, goJSON } from "../table/go-text";

/**
 * Field errors as apimachinery's field.Error prints them (`Invalid value: "x": detail`), for the causes of
 * 422 Invalid answers. The bad value is shown as Go's fmt shows what JSON decoding into interface{} gives:
 * strings quoted, integers as int64, other numbers as float64, objects and lists as JSON.
 */
export function goValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : goFloat(value);
  if (typeof value === "boolean") return String(value);
  return goJSON(value);
}

const cause = (reason: string, field: string, message: string): StatusCause => ({ reason, message, field });

export const fieldErrors = {
  required: (field: string, detail = "") =>
    cause("FieldValueRequired", field, detail ? `Required value: ${detail}` : "Required value"),
  invalid: (field: string, value: unknown, detail: string) =>
    cause("FieldValueInvalid", field, `Invalid value: ${goValue(value)}${detail ? `: ${detail}` : ""}`),
  typeInvalid: (field: string, value: unknown, detail: string) =>
    cause("FieldValueTypeInvalid", field, `Invalid value: ${goValue(value)}: ${detail}`),
  notSupported: (field: string, value: unknown, supported: readonly string[]) =>
    cause(
      "FieldValueNotSupported",
      field,
      `Unsupported value: ${goValue(value)}${supported.length > 0 ? `: supported values: ${supported.map((s) => JSON.stringify(s)).join(", ")}` : ""}`,
    ),
  forbidden: (field: string, detail: string) => cause("FieldValueForbidden", field, `Forbidden: ${detail}`),
  tooLong: (field: string, max: number) =>
    cause("FieldValueTooLong", field, `Too long: may not be more than ${max} ${max === 1 ? "byte" : "bytes"}`),
  tooMany: (field: string, actual: number, max: number) =>
    cause("FieldValueTooMany", field, `Too many: ${actual}: must have at most ${max} items`),
  duplicate: (field: string, value: unknown) => cause("FieldValueDuplicate", field, `Duplicate value: ${goValue(value)}`),
};

/** `spec.versions[0].schema.openAPIV3Schema.properties[spec]`: how field paths name map keys and list items. */
export const keyPath = (path: string, key: string) => `${path}[${key}]`;
export const indexPath = (path: string, index: number) => `${path}[${index}]`;
