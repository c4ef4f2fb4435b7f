import { compileJSONPath, findResults } from "../../cluster/api/table/jsonpath";
import type { KubeObject } from "../client/kube-client";
import { CommandError } from "../errors";

/** What `--for` asks: an object state to reach, `delete` (gone) or `create` (there). */
export type WaitFor = { kind: "condition"; type: string; value: string } | { kind: "delete" } | { kind: "create" } | { kind: "jsonpath"; path: ReturnType<typeof compileJSONPath>; value?: string };

/** Parses `--for` as kubectl does, with its error messages. */
export function parseWaitFor(text: string): WaitFor {
  const lower = text.toLowerCase();
  if (lower === "delete") return { kind: "delete" };
  if (lower === "create") return { kind: "create" };
  if (lower.startsWith("condition=")) {
    const rest = text.slice("condition=".length);
    const eq = rest.indexOf("=");
    return eq >= 0 ? { kind: "condition", type: rest.slice(0, eq), value: rest.slice(eq + 1) } : { kind: "condition", type: rest, value: "true" };
  }
  if (lower.startsWith("jsonpath=")) {
    const parts = splitOnSingleEquals(text.slice("jsonpath=".length));
    if (parts.length < 1 || parts.length > 2) throw new CommandError("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
    const expression = parts[0]!;
    if (expression === "") throw new CommandError("jsonpath expression cannot be empty");
    const relaxed = expression.startsWith("{") ? expression : `{${expression.startsWith(".") ? expression : `.${expression}`}}`;
    const path = compileJSONPath(relaxed);
    if (parts.length === 1) return { kind: "jsonpath", path };
    const value = parts[1]!.replace(/^['"]+|['"]+$/g, "");
    if (value === "") throw new CommandError("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
    return { kind: "jsonpath", path, value };
  }
  throw new CommandError(`unrecognized condition: ${JSON.stringify(text)}`);
}

/** Splits at single `=`; `==` stays inside the expression, as kubectl's splitJSONPathInput does. */
function splitOnSingleEquals(input: string): string[] {
  const out: string[] = [];
  let current = "";
  for (let i = 0; i < input.length; i++) {
    if (input[i] === "=") {
      if (input[i + 1] === "=") {
        current += "==";
        i++;
        continue;
      }
      out.push(current);
      current = "";
      continue;
    }
    current += input[i];
  }
  out.push(current);
  return out;
}

/** Whether a (present) object meets a condition or jsonpath wait; jsonpath misuse throws kubectl's errors. */
export function isMet(object: KubeObject, waitFor: WaitFor): boolean {
  if (waitFor.kind === "create") return true;
  if (waitFor.kind === "delete") return false;
  if (waitFor.kind === "condition") {
    const conditions = ((object.status as { conditions?: { type?: string; status?: string }[] } | undefined)?.conditions ?? []);
    const found = conditions.find((c) => (c.type ?? "").toLowerCase() === waitFor.type.toLowerCase());
    return found !== undefined && (found.status ?? "").toLowerCase() === waitFor.value.toLowerCase();
  }
  const results = findResults(waitFor.path, object);
  if (results.length === 0) return false;
  if (results.length > 1) throw new CommandError("given jsonpath expression matches more than one value");
  if (waitFor.value === undefined) return true;
  const value = results[0];
  if (value !== null && typeof value === "object") throw new CommandError("jsonpath leads to a nested object or list which is not supported");
  return String(value).trim() === waitFor.value.trim();
}
