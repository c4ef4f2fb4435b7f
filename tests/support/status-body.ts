/** A Kubernetes `metav1.Status` failure body as the API server must send it for every error. */
export type StatusBody = {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, unknown>;
  status: "Failure";
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string; causes?: { reason?: string; message: string; field?: string }[] };
  code: number;
};

// What must never reach a client: stack frames, source or install paths, raw driver errors.
const leaks: [RegExp, string][] = [
  [/\n\s+at \S/, "a stack trace"],
  [/\bat \S+ \((?:\/|file:|node:)/, "a stack frame"],
  [/\/work\/main\b|\/lib\/(?:cluster|server)\/|\/usr\/(?:lib|bin|local)\//, "a file system path"],
  [/\.(?:ts|js|mjs|cjs):\d+/, "a source location"],
  [/node_modules/, "a node_modules path"],
  [/\b(?:TypeError|ReferenceError|DatabaseError|SyntaxError: Unexpected end)\b/, "a JavaScript/driver error name"],
  [/invalid byte sequence for encoding|unsupported Unicode escape sequence|duplicate key value/, "a Postgres error"],
];

/**
 * Everything wrong with a non-2xx response body, measured against Kubernetes' Status (empty when it is
 * well formed): JSON, kind/apiVersion/status, a reason, a non-empty message, `code` equal to the HTTP status,
 * and no internals leaked.
 */
export function statusBodyProblems(httpStatus: number, text: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [`body is not JSON: ${JSON.stringify(text.slice(0, 200))}`];
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return ["body is not a JSON object"];
  const s = body as Record<string, unknown>;
  const problems: string[] = [];
  if (s.kind !== "Status") problems.push(`kind is ${JSON.stringify(s.kind)}, not "Status"`);
  if (s.apiVersion !== "v1") problems.push(`apiVersion is ${JSON.stringify(s.apiVersion)}, not "v1"`);
  if (typeof s.metadata !== "object" || s.metadata === null) problems.push("metadata is missing");
  if (s.status !== "Failure") problems.push(`status is ${JSON.stringify(s.status)}, not "Failure"`);
  if (typeof s.reason !== "string" || s.reason === "") problems.push("reason is missing");
  if (typeof s.message !== "string" || s.message.trim() === "") problems.push("message is missing or empty");
  if (s.code !== httpStatus) problems.push(`code ${JSON.stringify(s.code)} differs from the HTTP status ${httpStatus}`);
  for (const [pattern, what] of leaks) {
    if (pattern.test(text)) problems.push(`body leaks ${what}: ${JSON.stringify(text.slice(0, 300))}`);
  }
  return problems;
}

export function parseStatus(text: string): StatusBody {
  return JSON.parse(text) as StatusBody;
}
