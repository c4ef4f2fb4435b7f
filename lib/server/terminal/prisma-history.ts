import type { HistoryStore } from "@/lib/terminal/terminal-session";
import type { PrismaClient } from "../db/generated/prisma/client";
import { activityBus } from "../realtime/activity-bus";

/** How many lines a new session's history (arrow-up, `history`) starts with. */
export const HISTORY_LINES = 1000;

export type CommandEvent = { line: string; phase: "start" } | { line: string; phase: "end"; exitCode: number };

type Open = {
  line: string;
  id: Promise<string | undefined>;
  appended: boolean;
  started: boolean;
  /** The row's startedAt, and the namespace it ran against once read: the live timeline shows what the row holds. */
  startedAt: Date;
  namespace?: Promise<string | undefined>;
};

/**
 * A user's terminal history and the record of what they ran, both in TerminalCommand: one row per command line,
 * stamped when it starts and when it ends (exit code), with the namespace their kubeconfig pointed at, for the
 * instructor's timeline. The shell tells us of a line twice (history.append and onCommand start), in either
 * order; both land on the same row. Writes are fire-and-forget: a slow or failing database never holds up the
 * prompt, and a failure is only logged.
 */
export function prismaHistory(options: {
  prisma: PrismaClient;
  userId: string;
  now: () => Date;
  /** The namespace of the current kubeconfig context, read when a command starts. */
  namespace: () => Promise<string | undefined>;
  onError: (error: unknown) => void;
}): { history: HistoryStore; onCommand: (event: CommandEvent) => void } {
  const { prisma, userId } = options;
  let latest: Open | undefined;

  const insert = (line: string, withNamespace: boolean): Open => {
    const startedAt = options.now();
    const namespace = withNamespace ? options.namespace().catch(() => undefined) : undefined;
    const id = (namespace ?? Promise.resolve(undefined))
      .then((ns) => prisma.terminalCommand.create({ data: { userId, line, startedAt, ...(ns ? { namespace: ns } : {}) }, select: { id: true } }))
      .then((row) => row.id)
      .catch((error: unknown) => {
        options.onError(error);
        return undefined;
      });
    return { line, id, appended: false, started: false, startedAt, ...(namespace ? { namespace } : {}) };
  };

  const history: HistoryStore = {
    async load() {
      const rows = await prisma.terminalCommand.findMany({
        where: { userId },
        orderBy: [{ startedAt: "desc" }, { id: "desc" }],
        take: HISTORY_LINES,
        select: { line: true },
      });
      return rows.reverse().map((row) => row.line);
    },
    append(line) {
      if (latest && latest.line === line && latest.started && !latest.appended) {
        latest.appended = true;
        return Promise.resolve();
      }
      latest = { ...insert(line, false), appended: true };
      return Promise.resolve();
    },
  };

  const onCommand = (event: CommandEvent) => {
    if (event.phase === "start") {
      if (latest && latest.line === event.line && latest.appended && !latest.started) {
        latest.started = true;
        const open = latest;
        // The row was written when the line entered history; the namespace comes now, as the command starts.
        const reading = options.namespace().catch(() => undefined);
        open.namespace = reading;
        void open.id.then(async (id) => {
          const namespace = await reading;
          if (id && namespace) await prisma.terminalCommand.update({ where: { id }, data: { namespace } });
        }).catch(options.onError);
        return;
      }
      latest = { ...insert(event.line, true), started: true };
      return;
    }
    const open = latest;
    if (!open || open.line !== event.line || !open.started) return;
    const finishedAt = options.now();
    // The instructor's live views see the command once it has finished, with its exit code.
    void (open.namespace ?? Promise.resolve(undefined)).then((namespace) =>
      activityBus.emit({ kind: "command", userId, namespace: namespace ?? null, line: open.line, exitCode: event.exitCode, at: open.startedAt }),
    );
    void open.id
      .then((id) => (id ? prisma.terminalCommand.update({ where: { id }, data: { exitCode: event.exitCode, finishedAt } }) : undefined))
      .catch(options.onError);
  };

  return { history, onCommand };
}
