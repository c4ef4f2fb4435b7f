/**
 * Field-level validation errors shaped like apimachinery's `field.Error`, so messages read exactly as the real API
 * server writes them (`spec.selector.matchLabels: Invalid value: "-x": …`) and can become 422 `causes`.
 */

export type FieldErrorType = "FieldValueInvalid" | "FieldValueRequired" | "FieldValueForbidden";

export interface FieldError {
  readonly type: FieldErrorType;
  /** Dotted path with subscripts (`spec.selector.matchExpressions[0].values`); `<nil>` when Kubernetes has none. */
  readonly field: string;
  readonly badValue: unknown;
  readonly detail: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueInvalid: "Invalid value",
  FieldValueRequired: "Required value",
  FieldValueForbidden: "Forbidden",
};

export const invalid = (field: string, badValue: unknown, detail: string): FieldError => ({
  type: "FieldValueInvalid",
  field,
  badValue,
  detail,
});
export const required = (field: string, detail: string): FieldError => ({
  type: "FieldValueRequired",
  field,
  badValue: "",
  detail,
});
export const forbidden = (field: string, detail: string): FieldError => ({
  type: "FieldValueForbidden",
  field,
  badValue: "",
  detail,
});

/** The message without the field name, as a Status cause's `message` carries it. */
export function fieldErrorBody(error: FieldError): string {
  let text = TYPE_TEXT[error.type];
  if (error.type === "FieldValueInvalid") {
    const value = error.badValue;
    text += `: ${typeof value === "string" ? goQuote(value) : JSON.stringify(value)}`;
  }
  return error.detail ? `${text}: ${error.detail}` : text;
}

export const formatFieldError = (error: FieldError): string => `${error.field}: ${fieldErrorBody(error)}`;

/** Joins messages like Go's `utilerrors.Aggregate`: duplicates dropped, one message bare, several in brackets. */
export function aggregateMessages(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? (unique[0] ?? "") : `[${unique.join(", ")}]`;
}

const GO_ESCAPES: Record<string, string> = {
  "\u0007": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
  '"': '\\"',
  "\\": "\\\\",
};

/** Go's `%q` for strings: printable characters stay, control characters are escaped. */
export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const escape = GO_ESCAPES[ch];
    const code = ch.codePointAt(0) ?? 0;
    if (escape !== undefined) out += escape;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}
