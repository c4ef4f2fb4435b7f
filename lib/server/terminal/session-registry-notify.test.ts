import { describe, expect, it } from "vitest";
import type { TerminalSession } from "@/lib/terminal/terminal-session";
import { processTerminalSessions, SessionRegistry, type Viewer } from "./session-registry";

// An instructor's broadcast: shown in the named users' sessions only, kept for sessions opened soon after.
function fakeSession(withAnnounce: boolean) {
  const listeners = new Set<(data: string) => void>();
  const state = { inputs: [] as string[], announced: [] as string[] };
  const session: TerminalSession = {
    input: (data) => state.inputs.push(data),
    resize: () => undefined,
    onOutput: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    close: () => undefined,
    ...(withAnnounce ? { announce: (text: string) => (state.announced.push(text), listeners.forEach((l) => l(`<${text}>`))) } : {}),
  };
  return { session, state };
}

function recordingViewer() {
  let seen = "";
  const viewer: Viewer = { output: (data) => (seen += data), closed: () => undefined };
  return { viewer, seen: () => seen };
}

describe("SessionRegistry.notify", () => {
  it("reaches every session of the named users, as output, never as input", () => {
    const registry = new SessionRegistry({ now: () => 0, maxPerUser: 5, idleMs: 1000, scrollbackChars: 1000 });
    const jane1 = fakeSession(true);
    const jane2 = fakeSession(false);
    const joe = fakeSession(true);
    const tab = recordingViewer();
    const watched: string[] = [];
    registry.add("jane", "s1", jane1.session, tab.viewer);
    const second = registry.add("jane", "s2", jane2.session, recordingViewer().viewer);
    registry.add("joe", "s3", joe.session, recordingViewer().viewer);
    registry.watchUser("jane", (data) => watched.push(data));

    expect(registry.notify(["jane", "nobody"], "hello")).toBe(2);
    expect(jane1.state.announced).toEqual(["hello"]);
    expect(tab.seen()).toBe("<hello>");
    // A session that cannot announce gets it printed on a line of its own, kept in its scrollback.
    expect(registry.attach("jane", "s2", recordingViewer().viewer)?.replay).toBe("\r\nhello\r\n");
    expect(watched).toEqual(["<hello>", "\r\nhello\r\n"]);
    expect(joe.state.announced).toEqual([]);
    expect([jane1, jane2, joe].flatMap((s) => s.state.inputs)).toEqual([]);
    second.detach();
  });

  it("shows a kept notice in sessions opened before it expires, the latest per key only", () => {
    let now = 0;
    const registry = new SessionRegistry({ now: () => now, maxPerUser: 5, idleMs: 1000, scrollbackChars: 1000 });
    registry.notify(["jane"], "first", { key: "classroom:a", untilMs: 100 });
    registry.notify(["jane"], "second", { key: "classroom:a", untilMs: 100 });
    registry.notify(["joe"], "other class", { key: "classroom:b", untilMs: 100 });
    now = 50;
    const early = fakeSession(true);
    registry.add("jane", "s1", early.session, recordingViewer().viewer);
    expect(early.state.announced).toEqual(["second"]);
    now = 100;
    const late = fakeSession(true);
    registry.add("jane", "s2", late.session, recordingViewer().viewer);
    expect(late.state.announced).toEqual([]);
  });
});

describe("processTerminalSessions", () => {
  it("is one registry per process, whichever copy of the module asks", () => {
    expect(processTerminalSessions()).toBe(processTerminalSessions());
    expect(processTerminalSessions()).toBe((globalThis as Record<symbol, unknown>)[Symbol.for("kubeclass.terminalSessions")]);
  });
});
