import type { TerminalSession } from "@/lib/terminal/terminal-session";
import { KeptNotices } from "./kept-notices";
import { Scrollback } from "./scrollback";

/** One browser tab looking at a session. */
export type Viewer = {
  output(data: string): void;
  /** The session was ended by the server (too many open, idle, shutdown); the tab should start a new one. */
  closed(reason: string): void;
};

export type RegistryOptions = {
  now(): number;
  /** Sessions one user may have at once; opening one more closes the one idle longest. */
  maxPerUser: number;
  /** A session no tab has looked at for this long is closed. */
  idleMs: number;
  scrollbackChars: number;
};

export const defaultRegistryOptions: RegistryOptions = { now: () => Date.now(), maxPerUser: 5, idleMs: 30 * 60_000, scrollbackChars: 64 * 1024 };

type Entry = {
  userId: string;
  sessionId: string;
  session: TerminalSession;
  scrollback: Scrollback;
  viewers: Set<Viewer>;
  lastActive: number;
  stopOutput: () => void;
};

export type Attachment = {
  sessionId: string;
  /** The scrollback at the moment of attaching; everything after it reaches the viewer as output. */
  replay: string;
  session: TerminalSession;
  /** Marks the session as used (input, resize): idleness counts from the last use or detach. */
  touch(): void;
  detach(): void;
};

/** A read-only look at one user's terminals (the instructor's shadow terminal); see SessionRegistry.watchUser. */
export type UserWatch = {
  /** The session the replay comes from (the user's most recently used), or undefined when they have none open. */
  sessionId: string | undefined;
  replay: string;
  detach(): void;
};

/**
 * The shell sessions of this process, keyed by (user, session id). Sessions outlive sockets: a reload or a
 * reconnect attaches again by id and gets the scrollback; several tabs may share one. A session id only ever
 * finds a session of the same user, so guessing or stealing another's id gets nothing.
 */
export class SessionRegistry {
  private readonly entries = new Map<string, Entry>();
  /** Shadow watchers by user id: they get every session's output and can send nothing. */
  private readonly watchers = new Map<string, Set<(data: string) => void>>();
  /** Recent notices (an instructor's broadcast) that a session opened soon after still shows. */
  private readonly notices = new KeptNotices();

  constructor(private readonly options: RegistryOptions = defaultRegistryOptions) {}

  has(userId: string, sessionId: string): boolean {
    return this.entries.has(key(userId, sessionId));
  }

  /** Registers a new session (closing the user's longest-idle one if they are at the cap) and attaches `viewer`. */
  add(userId: string, sessionId: string, session: TerminalSession, viewer: Viewer): Attachment {
    // Unwatched sessions go first; among equals, the one used least recently.
    const victims = [...this.entries.values()]
      .filter((e) => e.userId === userId)
      .sort((a, b) => Number(a.viewers.size > 0) - Number(b.viewers.size > 0) || a.lastActive - b.lastActive);
    for (const victim of victims.slice(0, Math.max(0, victims.length - this.options.maxPerUser + 1))) {
      this.close(victim, `This terminal was closed because another one was opened (at most ${this.options.maxPerUser} at once).`);
    }
    const scrollback = new Scrollback(this.options.scrollbackChars);
    const entry: Entry = { userId, sessionId, session, scrollback, viewers: new Set(), lastActive: this.options.now(), stopOutput: () => undefined };
    entry.stopOutput = session.onOutput((data) => this.deliver(entry, data));
    this.entries.set(key(userId, sessionId), entry);
    const attachment = this.attachEntry(entry, viewer);
    for (const text of this.notices.for(userId, this.options.now())) this.announce(entry, text);
    return attachment;
  }

  /**
   * Shows `text` (terminal text: one notice, no trailing line end) in every open session of these users, as output
   * only: the shell prints it on its own line and draws the line being typed again under it, and it stays in the
   * scrollback. With `keep`, a session they open before `keep.untilMs` shows it too; a later notice with the same
   * key replaces it. Returns how many sessions it reached.
   */
  notify(userIds: Iterable<string>, text: string, keep?: { key: string; untilMs: number }): number {
    const users = new Set(userIds);
    if (keep) this.notices.keep(keep.key, users, text, keep.untilMs, this.options.now());
    let reached = 0;
    for (const entry of [...this.entries.values()]) {
      if (!users.has(entry.userId)) continue;
      this.announce(entry, text);
      reached += 1;
    }
    return reached;
  }

  /** Attaches to the user's session `sessionId`, or undefined if they have none by that id. */
  attach(userId: string, sessionId: string, viewer: Viewer): Attachment | undefined {
    const entry = this.entries.get(key(userId, sessionId));
    return entry ? this.attachEntry(entry, viewer) : undefined;
  }

  /**
   * Watches a user's terminals read-only: the scrollback of their most recently used session, then the output of
   * every session of theirs, including ones opened later. A watch is not a viewer: it sends no input, does not keep
   * a session from being reaped as idle, and does not mark it used.
   */
  watchUser(userId: string, output: (data: string) => void): UserWatch {
    const latest = [...this.entries.values()].filter((e) => e.userId === userId).sort((a, b) => b.lastActive - a.lastActive)[0];
    const set = this.watchers.get(userId) ?? new Set();
    set.add(output);
    this.watchers.set(userId, set);
    return {
      sessionId: latest?.sessionId,
      replay: latest?.scrollback.contents() ?? "",
      detach: () => {
        const current = this.watchers.get(userId);
        current?.delete(output);
        if (current?.size === 0) this.watchers.delete(userId);
      },
    };
  }

  watcherCount(userId: string): number {
    return this.watchers.get(userId)?.size ?? 0;
  }

  /** Closes sessions nobody has watched for idleMs; returns how many. */
  reap(): number {
    const cutoff = this.options.now() - this.options.idleMs;
    let closed = 0;
    for (const entry of [...this.entries.values()]) {
      if (entry.viewers.size === 0 && entry.lastActive <= cutoff) {
        this.close(entry, "Closed after being idle.");
        closed += 1;
      }
    }
    return closed;
  }

  closeAll(reason: string): void {
    for (const entry of [...this.entries.values()]) this.close(entry, reason);
  }

  count(userId?: string): number {
    return userId === undefined ? this.entries.size : [...this.entries.values()].filter((e) => e.userId === userId).length;
  }

  private attachEntry(entry: Entry, viewer: Viewer): Attachment {
    entry.viewers.add(viewer);
    entry.lastActive = this.options.now();
    return {
      sessionId: entry.sessionId,
      replay: entry.scrollback.contents(),
      session: entry.session,
      touch: () => {
        entry.lastActive = this.options.now();
      },
      detach: () => {
        if (entry.viewers.delete(viewer)) entry.lastActive = this.options.now();
      },
    };
  }

  private announce(entry: Entry, text: string): void {
    try {
      if (entry.session.announce) entry.session.announce(text);
      else this.deliver(entry, `\r\n${text}\r\n`);
    } catch {
      // One broken session must not keep the notice from the others.
    }
  }

  /** A session's output, to its scrollback, its tabs and the user's shadow watchers. */
  private deliver(entry: Entry, data: string): void {
    entry.scrollback.append(data);
    for (const v of entry.viewers) v.output(data);
    for (const watcher of this.watchers.get(entry.userId) ?? []) {
      try {
        watcher(data);
      } catch {
        // A watcher's failure is the instructor's page's problem, never the learner's shell's.
      }
    }
  }

  private close(entry: Entry, reason: string): void {
    this.entries.delete(key(entry.userId, entry.sessionId));
    entry.stopOutput();
    for (const v of entry.viewers) v.closed(reason);
    entry.viewers.clear();
    entry.session.close();
  }
}

const key = (userId: string, sessionId: string) => `${userId}\u0000${sessionId}`;

/**
 * The web process's registry. Next.js route handlers (an instructor's broadcast) load their own copy of every
 * module, while the terminals run in server.ts's; the one registry lives on globalThis under a registry symbol so
 * both copies reach the same sessions (as activity-bus.ts does).
 */
const registryKey = Symbol.for("kubeclass.terminalSessions");
export function processTerminalSessions(): SessionRegistry {
  const holder = globalThis as typeof globalThis & { [registryKey]?: SessionRegistry };
  return (holder[registryKey] ??= new SessionRegistry());
}
