import { describe, expect, it } from "vitest";
import type { TerminalSession } from "@/lib/terminal/terminal-session";
import { Scrollback } from "./scrollback";
import { SessionRegistry, type Viewer } from "./session-registry";

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

function viewer() {
  const seen = { output: "", closed: [] as string[] };
  const v: Viewer = { output: (d) => (seen.output += d), closed: (r) => seen.closed.push(r) };
  return { v, seen };
}

describe("Scrollback", () => {
  it("keeps the last output, cut at a line start", () => {
    const buffer = new Scrollback(20);
    for (let i = 0; i < 10; i++) buffer.append(`line ${i}\r\n`);
    expect(buffer.contents()).toBe("line 8\r\nline 9\r\n");
  });
});

describe("SessionRegistry", () => {
  it("relays output to every attached viewer and replays scrollback to a late one", () => {
    const registry = new SessionRegistry({ now: () => 0, maxPerUser: 5, idleMs: 1000, scrollbackChars: 1000 });
    const s = fakeSession();
    const a = viewer();
    registry.add("u1", "s1", s.session, a.v);
    s.emit("hello\r\n$ ");
    const b = viewer();
    const attached = registry.attach("u1", "s1", b.v);
    expect(attached?.replay).toBe("hello\r\n$ ");
    s.emit("x");
    expect(a.seen.output).toBe("hello\r\n$ x");
    expect(b.seen.output).toBe("x");
  });

  it("never attaches a session id to another user", () => {
    const registry = new SessionRegistry();
    registry.add("u1", "s1", fakeSession().session, viewer().v);
    expect(registry.attach("u2", "s1", viewer().v)).toBeUndefined();
    expect(registry.has("u2", "s1")).toBe(false);
  });

  it("closes the longest-idle unwatched session when a user opens one past the cap", () => {
    let now = 0;
    const registry = new SessionRegistry({ now: () => now, maxPerUser: 2, idleMs: 1000, scrollbackChars: 1000 });
    const first = fakeSession();
    const second = fakeSession();
    const watcher = viewer();
    registry.add("u1", "a", first.session, watcher.v);
    now = 1;
    registry.add("u1", "b", second.session, viewer().v).detach();
    now = 2;
    registry.add("u1", "c", fakeSession().session, viewer().v);
    // "a" is older but watched; "b" has no tab, so it goes.
    expect(second.state.closed).toBe(true);
    expect(first.state.closed).toBe(false);
    expect(registry.count("u1")).toBe(2);
    registry.add("u2", "a", fakeSession().session, viewer().v);
    expect(registry.count()).toBe(3);
  });

  it("reaps sessions without a viewer after the idle time, and tells viewers when a session is closed", () => {
    let now = 0;
    const registry = new SessionRegistry({ now: () => now, maxPerUser: 5, idleMs: 1000, scrollbackChars: 1000 });
    const idle = fakeSession();
    const watched = fakeSession();
    registry.add("u1", "idle", idle.session, viewer().v).detach();
    const w = viewer();
    registry.add("u1", "watched", watched.session, w.v);
    now = 999;
    expect(registry.reap()).toBe(0);
    now = 1000;
    expect(registry.reap()).toBe(1);
    expect(idle.state.closed).toBe(true);
    expect(registry.has("u1", "watched")).toBe(true);
    registry.closeAll("Server restarting.");
    expect(watched.state.closed).toBe(true);
    expect(w.seen.closed).toEqual(["Server restarting."]);
  });
});
