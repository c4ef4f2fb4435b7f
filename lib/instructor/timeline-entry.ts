// One learner's timeline for the instructor: commands typed, API calls that changed something or were refused,
// and lab check attempts, as one list. Pure: the server reads the rows and the live events, this shapes both the
// same way, so a page load and the live stream agree on what an entry is and on its id.

export type ApiCall = {
  verb: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
  code: number;
  message: string | null;
  at: Date;
};

export type TimelineEntry =
  | { id: string; kind: "command"; at: string; line: string; exitCode: number | null; namespace: string | null }
  | {
      id: string;
      /** denial: refused by RBAC (403); quota: refused by a ResourceQuota (403 "exceeded quota"); api: anything else. */
      kind: "api" | "denial" | "quota";
      at: string;
      verb: string;
      resource: string;
      namespace: string;
      name: string;
      code: number;
      message: string | null;
    }
  | { id: string; kind: "check"; at: string; labSlug: string; stepId: string; passed: boolean; failed: string[] };

export type TimelineKind = TimelineEntry["kind"];

/** Verbs that change something. Reads are left out of the timeline unless refused (see keepApiCall). */
export const WRITE_VERBS = ["create", "update", "patch", "delete", "deletecollection"] as const;

/**
 * Which API calls are worth an instructor's attention. The terminal's kubectl reads a lot (discovery, gets before
 * applies, watches while waiting): the command line already says what the learner asked for, so successful and
 * not-found reads are noise. Writes are kept whatever their answer; reads only when refused (403 RBAC, 429 rate limit).
 */
export function keepApiCall(call: { verb: string; code: number }): boolean {
  return (WRITE_VERBS as readonly string[]).includes(call.verb) || call.code === 403 || call.code === 429;
}

export function apiKind(code: number, message: string | null): "api" | "denial" | "quota" {
  if (code !== 403) return "api";
  return message?.includes("exceeded quota") ? "quota" : "denial";
}

export function apiEntry(call: ApiCall): TimelineEntry {
  const resource = call.subresource ? `${call.resource}/${call.subresource}` : call.resource;
  const at = call.at.toISOString();
  return {
    id: `api:${at}:${call.verb}:${resource}:${call.namespace}:${call.name}:${call.code}`,
    kind: apiKind(call.code, call.message),
    at,
    verb: call.verb,
    resource,
    namespace: call.namespace,
    name: call.name,
    code: call.code,
    message: call.message,
  };
}

export function commandEntry(command: { line: string; exitCode: number | null; namespace: string | null; at: Date }): TimelineEntry {
  const at = command.at.toISOString();
  return { id: `command:${at}:${command.line}`, kind: "command", at, line: command.line, exitCode: command.exitCode, namespace: command.namespace };
}

export function checkEntry(check: { labSlug: string; stepId: string; passed: boolean; results: unknown; at: Date }): TimelineEntry {
  const at = check.at.toISOString();
  const results = Array.isArray(check.results) ? (check.results as { passed?: unknown; message?: unknown }[]) : [];
  const failed = results.filter((r) => r.passed === false && typeof r.message === "string").map((r) => r.message as string);
  return { id: `check:${at}:${check.labSlug}:${check.stepId}`, kind: "check", at, labSlug: check.labSlug, stepId: check.stepId, passed: check.passed, failed };
}

/** Newest first; entries at the same instant keep a stable order (by id). */
export function newestFirst(entries: TimelineEntry[], limit: number): TimelineEntry[] {
  return [...entries].sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at < b.at ? 1 : -1)).slice(0, limit);
}

/** Whether an entry falls inside a [from, to] window (either end open). */
export function inWindow(entry: { at: string }, window: { from?: Date | undefined; to?: Date | undefined }): boolean {
  const at = Date.parse(entry.at);
  return (!window.from || at >= window.from.getTime()) && (!window.to || at <= window.to.getTime());
}
