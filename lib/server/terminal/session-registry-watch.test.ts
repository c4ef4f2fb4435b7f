import { describe, expect, it } from "vitest";
import type { TerminalSession } from "@/lib/terminal/terminal-session";
import { SessionRegistry, type Viewer } from "./session-registry";

// The instructor's shadow terminal: a read-only watch on one user's sessions.
function fakeSession() {
  const listeners = new Set<(data: string) => void>();
  const state = { closed: false, inputs: [] as string[] };
  const session: TerminalSession = {
    input: (data) => state.inputs.push(data),
    resize: () => undefined,
    onOutput: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      state.closed = true;
    },
  };
  return { session, state, emit: (data: string) => listeners.forEach((l) => l(data)) };
}

const viewer: Viewer = { output: () => undefined, closed: () => undefined };

describe("SessionRegistry.watchUser", () => {
  it("replays the user's most recently used session, then relays every session's output, and only theirs", () => {
    let now = 0;
    const registry = new SessionRegistry({ now: () => now, maxPerUser: 5, idleMs: 1000, scrollbackChars: 1000 });
    const older = fakeSession();
    const newer = fakeSession();
    const other = fakeSession();
    const first = registry.add("jane", "s1", older.session, viewer);
    older.emit("old tab\r\n");
    now = 10;
    registry.add("jane", "s2", newer.session, viewer);
    newer.emit("new tab\r\n");
    registry.add("joe", "s3", other.session, viewer);
    now = 5;
    first.detach(); // a detach at t=5 is older than s2's attach at t=10

    let seen = "";
    const watch = registry.watchUser("jane", (data) => (seen += data));
    expect(watch.sessionId).toBe("s2");
    expect(watch.replay).toBe("new tab\r\n");
    older.emit("a\r\n");
    newer.emit("b\r\n");
    other.emit("joe's\r\n");
    // A session opened after the watch started is shadowed too.
    const later = fakeSession();
    registry.add("jane", "s4", later.session, viewer);
    later.emit("c\r\n");
    expect(seen).toBe("a\r\nb\r\nc\r\n");
    expect(registry.watcherCount("jane")).toBe(1);

    watch.detach();
    newer.emit("after\r\n");
    expect(seen).not.toContain("after");
    expect(registry.watcherCount("jane")).toBe(0);
  });

  it("is not a viewer: an unwatched session is still reaped as idle, and a throwing watcher does not break the shell", () => {
    let now = 0;
    const registry = new SessionRegistry({ now: () => now, maxPerUser: 5, idleMs: 100, scrollbackChars: 1000 });
    const s = fakeSession();
    const seen = { output: "" };
    const attachment = registry.add("jane", "s1", s.session, { output: (d) => (seen.output += d), closed: () => undefined });
    registry.watchUser("jane", () => {
      throw new Error("page bug");
    });
    s.emit("still here\r\n");
    expect(seen.output).toBe("still here\r\n");
    attachment.detach();
    now = 200;
    expect(registry.reap()).toBe(1);
    expect(s.state.closed).toBe(true);
  });

  it("gives an empty replay for a user with no terminal open", () => {
    const registry = new SessionRegistry();
    const watch = registry.watchUser("nobody", () => undefined);
    expect(watch).toMatchObject({ sessionId: undefined, replay: "" });
    watch.detach();
  });
});
