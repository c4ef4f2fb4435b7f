import { describe, expect, it } from "vitest";
import { apiEntry, checkEntry, commandEntry, inWindow, keepApiCall, newestFirst } from "./timeline-entry";

const at = new Date("2030-01-01T10:00:00.123Z");
const call = (verb: string, code: number, message: string | null = null) => ({ verb, resource: "pods", subresource: "", namespace: "jane", name: "web", code, message, at });

describe("timeline entries", () => {
  it("keeps writes and refusals, drops ordinary reads", () => {
    expect(keepApiCall({ verb: "create", code: 201 })).toBe(true);
    expect(keepApiCall({ verb: "patch", code: 422 })).toBe(true);
    expect(keepApiCall({ verb: "list", code: 403 })).toBe(true);
    expect(keepApiCall({ verb: "get", code: 429 })).toBe(true);
    expect(keepApiCall({ verb: "get", code: 200 })).toBe(false);
    expect(keepApiCall({ verb: "get", code: 404 })).toBe(false);
    expect(keepApiCall({ verb: "watch", code: 200 })).toBe(false);
  });

  it("tells a quota refusal from an RBAC denial from any other answer", () => {
    expect(apiEntry(call("create", 403, 'pods "x" is forbidden: exceeded quota: q, requested: pods=1')).kind).toBe("quota");
    expect(apiEntry(call("list", 403, 'User "jane" cannot list resource "pods"')).kind).toBe("denial");
    expect(apiEntry(call("create", 422, "invalid")).kind).toBe("api");
    expect(apiEntry({ ...call("patch", 200), subresource: "scale" })).toMatchObject({ kind: "api", resource: "pods/scale", at: "2030-01-01T10:00:00.123Z" });
  });

  it("gives the same id to the same fact however it arrives", () => {
    expect(commandEntry({ line: "kubectl get pods", exitCode: 0, namespace: "jane", at }).id).toBe(commandEntry({ line: "kubectl get pods", exitCode: null, namespace: null, at: new Date(at) }).id);
  });

  it("lists a check's failed messages", () => {
    const entry = checkEntry({ labSlug: "l", stepId: "s", passed: false, results: [{ id: "a", passed: true, message: "ok" }, { id: "b", passed: false, message: "missing web" }], at });
    expect(entry).toMatchObject({ kind: "check", passed: false, failed: ["missing web"] });
  });

  it("sorts newest first, cuts to the limit, and filters by window", () => {
    const entries = [0, 2, 1].map((s) => commandEntry({ line: `c${s}`, exitCode: 0, namespace: null, at: new Date(at.getTime() + s * 1000) }));
    expect(newestFirst(entries, 2).map((e) => e.kind === "command" && e.line)).toEqual(["c2", "c1"]);
    expect(inWindow(entries[1]!, { from: new Date(at.getTime() + 1500) })).toBe(true);
    expect(inWindow(entries[1]!, { to: new Date(at.getTime() + 1500) })).toBe(false);
  });
});
