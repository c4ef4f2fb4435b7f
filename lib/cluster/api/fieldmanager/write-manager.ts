import type { ApiRequest } from "../api-request";
import { ApiError, type StatusCause } from "../status";
import type { WriteManager } from "./record-managed-fields";

const MAX_LENGTH = 128;

export type OptionsKind = "CreateOptions" | "UpdateOptions" | "PatchOptions";

/**
 * Who a write is recorded for: the `fieldManager` query parameter, else the client's User-Agent up to its
 * first `/` (`kubectl/v1.35.0 (linux/amd64) …` → `kubectl`), as Kubernetes does; "unknown" when neither says.
 * A fieldManager that is too long or has unprintable characters is refused with Kubernetes' 422.
 */
export function writeManagerFor(request: Pick<ApiRequest, "query" | "userAgent">, subresource: string, options: OptionsKind): WriteManager {
  const param = request.query.get("fieldManager") ?? "";
  const causes = fieldManagerProblems(param);
  if (causes.length > 0) throw invalidOptions(options, causes);
  const fromAgent = (request.userAgent ?? "").split("/")[0] ?? "";
  return { name: param || fromAgent || "unknown", subresource };
}

/** ValidatePatchOptions' other rules: apply needs a fieldManager, and only apply may say `force`. */
export function checkPatchOptions(options: { fieldManager?: string; force?: boolean }, apply: boolean): void {
  if (apply && (options.fieldManager ?? "") === "") {
    throw invalidOptions("PatchOptions", [{ reason: "FieldValueRequired", message: "Required value: is required for apply patch", field: "fieldManager" }]);
  }
  if (!apply && options.force !== undefined) {
    throw invalidOptions("PatchOptions", [{ reason: "FieldValueForbidden", message: "Forbidden: may not be specified for non-apply patch", field: "force" }]);
  }
}

function fieldManagerProblems(name: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (new TextEncoder().encode(name).length > MAX_LENGTH) {
    causes.push({ reason: "FieldValueTooLong", message: `Too long: may not be more than ${MAX_LENGTH} bytes`, field: "fieldManager" });
  }
  let offset = 0;
  for (const char of name) {
    if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(char)) {
      const code = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      causes.push({
        reason: "FieldValueInvalid",
        message: `Invalid value: ${goQuote(name)}: invalid character U+${code} (at position ${offset})`,
        field: "fieldManager",
      });
    }
    offset += new TextEncoder().encode(char).length;
  }
  return causes;
}

/** `PatchOptions.meta.k8s.io "" is invalid: fieldManager: …`, as the API server words a bad option. */
function invalidOptions(kind: OptionsKind, causes: StatusCause[]): ApiError {
  const summary = causes.map((c) => `${c.field}: ${c.message}`);
  const detail = summary.length === 1 ? summary[0] : `[${summary.join(", ")}]`;
  return new ApiError(422, "Invalid", `${kind}.meta.k8s.io "" is invalid: ${detail}`, { group: "meta.k8s.io", kind, causes });
}

/** Go's %q for a string: control characters as \x.., \n, \t, …; printable text as is. */
function goQuote(text: string): string {
  const named: Record<string, string> = { "\u0007": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\v": "\\v", '"': '\\"', "\\": "\\\\" };
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (named[char]) out += named[char];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(char)) out += code > 0xffff ? `\\U${code.toString(16).padStart(8, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
    else out += char;
  }
  return `"${out}"`;
}
