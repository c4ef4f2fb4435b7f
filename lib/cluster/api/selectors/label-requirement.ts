import { aggregateMessages, formatFieldError, invalid, type FieldError } from "./field-errors";
import { labelKeyErrors, labelValueErrors } from "./label-validation";

/** apimachinery's `selection.Operator` values. */
export type LabelOperator = "in" | "notin" | "=" | "==" | "!=" | "exists" | "!" | "gt" | "lt";

export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  /** Sorted and de-duplicated for set operators, exactly one for equality and gt/lt, none for exists / `!`. */
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>>;

/** A selector that could not be parsed or built; `message` is what the API server answers (400 BadRequest). */
export class LabelSelectorError extends Error {
  constructor(
    message: string,
    /** Field-level problems behind the message, when there are any (for 422 causes). */
    readonly causes: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = "LabelSelectorError";
  }
}

const INT64 = /^[+-]?\d+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go's strconv.ParseInt(value, 10, 64). */
export function parseInt64(value: string): bigint | undefined {
  if (!INT64.test(value)) return undefined;
  const parsed = BigInt(value);
  return parsed < INT64_MIN || parsed > INT64_MAX ? undefined : parsed;
}

/** Validates the key on its own, as the query-string parser does before reading the operator. */
export function labelKeyFieldError(key: string, field: string): FieldError | undefined {
  const problems = labelKeyErrors(key);
  return problems.length === 0 ? undefined : invalid(field, key, problems.join("; "));
}

/**
 * Builds a requirement with apimachinery's `labels.NewRequirement` rules. `path` is the field path the errors carry;
 * the API server passes none, so keys report `key` and values `values[i][key]`.
 */
export function newLabelRequirement(
  key: string,
  operator: LabelOperator,
  values: readonly string[],
  path = "",
): LabelRequirement {
  const child = (name: string) => (path ? `${path}.${name}` : name);
  const errors: FieldError[] = [];
  const keyError = labelKeyFieldError(key, child("key"));
  if (keyError) errors.push(keyError);
  const valuesPath = child("values");
  switch (operator) {
    case "in":
    case "notin":
      if (values.length === 0) {
        errors.push(invalid(valuesPath, values, "for 'in', 'notin' operators, values set can't be empty"));
      }
      break;
    case "=":
    case "==":
    case "!=":
      if (values.length !== 1) {
        errors.push(invalid(valuesPath, values, "exact-match compatibility requires one single value"));
      }
      break;
    case "exists":
    case "!":
      if (values.length !== 0) {
        errors.push(invalid(valuesPath, values, "values set must be empty for exists and does not exist"));
      }
      break;
    case "gt":
    case "lt":
      if (values.length !== 1) {
        errors.push(invalid(valuesPath, values, "for 'Gt', 'Lt' operators, exactly one value is required"));
      }
      values.forEach((value, i) => {
        if (parseInt64(value) === undefined) {
          errors.push(
            invalid(`${valuesPath}[${i}]`, value, "for 'Gt', 'Lt' operators, the value must be an integer"),
          );
        }
      });
      break;
  }
  values.forEach((value, i) => {
    const problems = labelValueErrors(value);
    if (problems.length > 0) errors.push(invalid(`${valuesPath}[${i}][${key}]`, value, problems.join("; ")));
  });
  if (errors.length > 0) throw new LabelSelectorError(aggregateMessages(errors.map(formatFieldError)), errors);
  return { key, operator, values: [...values] };
}

const has = (labels: Labels, key: string) => Object.hasOwn(labels, key);

export function requirementMatches(requirement: LabelRequirement, labels: Labels): boolean {
  const { key, operator, values } = requirement;
  switch (operator) {
    case "in":
    case "=":
    case "==":
      return has(labels, key) && values.includes(labels[key] ?? "");
    case "notin":
    case "!=":
      return !has(labels, key) || !values.includes(labels[key] ?? "");
    case "exists":
      return has(labels, key);
    case "!":
      return !has(labels, key);
    case "gt":
    case "lt": {
      const actual = has(labels, key) ? parseInt64(labels[key] ?? "") : undefined;
      const wanted = values.length === 1 ? parseInt64(values[0] ?? "") : undefined;
      if (actual === undefined || wanted === undefined) return false;
      return operator === "gt" ? actual > wanted : actual < wanted;
    }
  }
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The canonical text of one requirement: `!a`, `a`, `a=b`, `a in (x,y)` (values sorted), `a>3`. */
export function formatRequirement({ key, operator, values }: LabelRequirement): string {
  if (operator === "!") return `!${key}`;
  if (operator === "exists") return key;
  const joined = values.length === 1 ? (values[0] ?? "") : [...values].sort(byCodeUnit).join(",");
  switch (operator) {
    case "in":
      return `${key} in (${joined})`;
    case "notin":
      return `${key} notin (${joined})`;
    case "gt":
      return `${key}>${joined}`;
    case "lt":
      return `${key}<${joined}`;
    default:
      return `${key}${operator}${joined}`;
  }
}

/** Sorts requirements by key, keeping the given order among equal keys (as Go's small-slice sort does). */
export function sortByKey(requirements: readonly LabelRequirement[]): LabelRequirement[] {
  return requirements
    .map((requirement, index) => ({ requirement, index }))
    .sort((a, b) => byCodeUnit(a.requirement.key, b.requirement.key) || a.index - b.index)
    .map(({ requirement }) => requirement);
}
