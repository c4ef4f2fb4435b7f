import { badRequest } from "../status";

const MAX_DEPTH = 100;

/**
 * Makes a decoded body safe to store and serve: nesting is bounded (deeply nested input must not exhaust the
 * stack of the code that walks it), lone UTF-16 surrogates become U+FFFD as Go's JSON decoder makes them, and
 * NUL characters — which Postgres' JSONB cannot hold — are refused with a clear 400.
 */
export function sanitizeBody(value: unknown, kind: string): unknown {
  return walk(value, 0, kind);
}

function walk(value: unknown, depth: number, kind: string): unknown {
  if (depth > MAX_DEPTH) {
    throw badRequest(`the object provided is unrecognized (must be of type ${kind}): nesting exceeds the limit of ${MAX_DEPTH} levels`);
  }
  if (typeof value === "string") return cleanString(value);
  if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, kind));
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      Object.defineProperty(out, cleanString(key), { value: walk(child, depth + 1, kind), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

function cleanString(text: string): string {
  if (text.includes("\u0000")) throw badRequest("strings may not contain the NUL character (U+0000)");
  // Lone surrogates cannot be encoded as UTF-8; replace them as Go does when decoding JSON.
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}
