/**
 * Field selectors (`?fieldSelector=metadata.name=web,status.phase!=Running`), following apimachinery's
 * fields.ParseSelector: terms split on unescaped commas, `\` escapes `\`, `,` and `=` in values, operators
 * `=`, `==` and `!=`. Each resource supports only some field labels; the caller supplies them.
 */

export type FieldOperator = "=" | "!=";

export interface FieldRequirement {
  readonly field: string;
  /** `==` is read as `=`. */
  readonly operator: FieldOperator;
  readonly value: string;
}

/** ANDed requirements; none selects everything. */
export interface FieldSelector {
  readonly requirements: readonly FieldRequirement[];
}

/** The field labels one resource supports (Kubernetes' field label conversion for the kind). */
export interface FieldLabelSet {
  readonly supported: readonly string[];
  /** Older spellings rewritten before matching, e.g. `{ "spec.host": "spec.nodeName" }` for pods. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Values of fields that read as something when absent, e.g. `{ "spec.hostNetwork": "false" }`. */
  readonly defaults?: Readonly<Record<string, string>>;
}

/** Bad field selector text or an unsupported field; `message` is the API server's (400 BadRequest). */
export class FieldSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FieldSelectorError";
  }
}

const OPERATORS = ["!=", "==", "="] as const;

/** Splits on commas not preceded by a backslash escape. */
function splitTerms(text: string): string[] {
  if (text.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (escaped) escaped = false;
    else if (ch === "\\") escaped = true;
    else if (ch === ",") {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

/** The first operator from the left; at one position `!=` and `==` win over `=`. */
function splitTerm(term: string): [string, string, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of OPERATORS) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)];
    }
  }
  return undefined;
}

export function unescapeFieldValue(value: string): string {
  if (!/[\\,=]/.test(value)) return value;
  let out = "";
  let escaped = false;
  for (const ch of value) {
    if (escaped) {
      if (ch !== "\\" && ch !== "," && ch !== "=") {
        throw new FieldSelectorError(`invalid field selector: invalid escape sequence: \\${ch}`);
      }
      out += ch;
      escaped = false;
    } else if (ch === "\\") {
      escaped = true;
    } else if (ch === "," || ch === "=") {
      // Go prints the rune with %v, which is its number (44 or 61).
      throw new FieldSelectorError(`invalid field selector: unescaped character in value: ${ch.codePointAt(0)}`);
    } else {
      out += ch;
    }
  }
  if (escaped) throw new FieldSelectorError("invalid field selector: invalid escape sequence: \\");
  return out;
}

export const escapeFieldValue = (value: string): string => value.replace(/[\\,=]/g, (ch) => `\\${ch}`);

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Parses the text; terms come back sorted by their text, as Kubernetes sorts them. Empty text selects everything. */
export function parseFieldSelector(text: string): FieldSelector {
  const requirements: FieldRequirement[] = [];
  for (const term of splitTerms(text).sort(byCodeUnit)) {
    if (term === "") continue;
    const parts = splitTerm(term);
    if (!parts) throw new FieldSelectorError(`invalid selector: '${text}'; can't understand '${term}'`);
    const [field, op, value] = parts;
    requirements.push({ field, operator: op === "!=" ? "!=" : "=", value: unescapeFieldValue(value) });
  }
  return { requirements };
}

const DEFAULT_FIELD_LABELS = ["metadata.name", "metadata.namespace"];

/**
 * Checks every field against the resource's labels and applies aliases. Without a label set, only
 * `metadata.name` and `metadata.namespace` are accepted, with the wording Kubernetes uses for kinds that
 * register no field labels of their own.
 */
export function validateFieldSelector(selector: FieldSelector, labels?: FieldLabelSet): FieldSelector {
  const requirements = selector.requirements.map((requirement) => {
    const field = labels?.aliases?.[requirement.field] ?? requirement.field;
    if (!labels) {
      if (!DEFAULT_FIELD_LABELS.includes(field)) {
        throw new FieldSelectorError(
          `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
        );
      }
    } else if (!labels.supported.includes(field)) {
      throw new FieldSelectorError(`field label not supported: ${requirement.field}`);
    }
    return { ...requirement, field };
  });
  return { requirements };
}

/** Parses and validates in one step, as the API server does for a list or watch. */
export const parseFieldSelectorFor = (text: string, labels?: FieldLabelSet): FieldSelector =>
  validateFieldSelector(parseFieldSelector(text), labels);

/** Reads a dotted path as a string: absent → "", booleans and numbers as Go formats them. */
export function fieldValue(object: unknown, path: string): string | undefined {
  let current: unknown = object;
  for (const part of path.split(".")) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  if (typeof current === "string") return current;
  if (typeof current === "number" || typeof current === "boolean") return String(current);
  return undefined;
}

/** Whether the object satisfies every requirement; absent fields read as their default, or "". */
export function matchesFields(selector: FieldSelector, object: unknown, labels?: FieldLabelSet): boolean {
  return selector.requirements.every(({ field, operator, value }) => {
    const actual = fieldValue(object, field) ?? labels?.defaults?.[field] ?? "";
    return operator === "=" ? actual === value : actual !== value;
  });
}

/** The canonical string: `field=value` / `field!=value`, values escaped. */
export function formatFieldSelector(selector: FieldSelector): string {
  return selector.requirements
    .map(({ field, operator, value }) => `${field}${operator}${escapeFieldValue(value)}`)
    .join(",");
}
