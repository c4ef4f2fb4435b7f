import { randomBytes } from "node:crypto";
import type { Server, Socket } from "socket.io";
import { z } from "zod";
import type { TerminalSession } from "@/lib/terminal/terminal-session";
import type { PlatformUser } from "../auth/platform-user";
import { logger } from "../logger";
import { requireSession, type SessionSocketData } from "../realtime/session-auth";
import { SessionRegistry, type Attachment, type Viewer } from "./session-registry";

/** The largest single `input` event; the page sends longer pastes in pieces. */
export const MAX_INPUT_CHARS = 64 * 1024;

const size = { columns: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) };
const openPayload = z.object({ sessionId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional(), ...size });
const resizePayload = z.object(size);
const inputPayload = z.string().min(1).max(MAX_INPUT_CHARS);

export type TerminalNamespaceDeps = {
  /** Opens a new shell for the signed-in user (open-user-terminal.ts in production). */
  createSession(user: PlatformUser, size: { columns: number; rows: number }): Promise<TerminalSession>;
  registry?: SessionRegistry;
  resolveUser?: Parameters<typeof requireSession>[1];
  newSessionId?: () => string;
  reapEveryMs?: number;
};

/**
 * `/terminal`: a signed-in user's shells. The user comes only from the session cookie; the client names at most a
 * session id, which finds a session only among that user's own (anything else opens a new one). Events:
 * client → `open` {sessionId?, columns, rows}, `input` (text), `resize` {columns, rows};
 * server → `opened` {sessionId, replay}, `output` (text), `closed` {reason}, `failed` {message}.
 * Payloads that do not parse are ignored.
 */
export function attachTerminalNamespace(io: Server, deps: TerminalNamespaceDeps): { registry: SessionRegistry; stop: () => void } {
  const log = logger("realtime:/terminal");
  const registry = deps.registry ?? new SessionRegistry();
  const newSessionId = deps.newSessionId ?? (() => randomBytes(18).toString("base64url"));
  const namespace = io.of("/terminal");
  requireSession(namespace, deps.resolveUser);

  namespace.on("connection", (socket: Socket) => {
    const { user } = socket.data as SessionSocketData;
    // The session this socket is attached to, and the viewer it attached as.
    let current: { attachment: Attachment; viewer: Viewer } | undefined;
    let opening = false;

    // A shell that throws must not take the process (and every other learner's terminal) down with it.
    const guarded = (what: string, work: () => void) => {
      try {
        work();
      } catch (error) {
        log.error({ err: error, userId: user.id }, `terminal ${what} failed`);
      }
    };

    const detach = () => {
      current?.attachment.detach();
      current = undefined;
    };

    const newViewer = (): { viewer: Viewer; ready: () => void } => {
      // Output that comes before `opened` is sent waits, so the page writes the replay first and then what follows.
      let pending: string[] | undefined = [];
      // After that, output is sent once per turn of the event loop: a program printing line by line costs one
      // message per batch, not one per line.
      let batch = "";
      const flush = () => {
        // A socket that has moved on to another session no longer shows this one's output.
        if (batch && current?.viewer === viewer) socket.emit("output", batch);
        batch = "";
      };
      const viewer: Viewer = {
        output: (data) => {
          if (pending) return void pending.push(data);
          if (!batch) setImmediate(flush);
          batch += data;
        },
        closed: (reason) => {
          if (current?.viewer === viewer) current = undefined;
          socket.emit("closed", { reason });
        },
      };
      const ready = () => {
        const kept = pending?.join("") ?? "";
        pending = undefined;
        if (kept) socket.emit("output", kept);
      };
      return { viewer, ready };
    };

    const open = async (raw: unknown) => {
      const parsed = openPayload.safeParse(raw);
      if (!parsed.success || opening) return;
      opening = true;
      detach();
      const { sessionId, columns, rows } = parsed.data;
      const { viewer, ready } = newViewer();
      try {
        let attachment = sessionId ? registry.attach(user.id, sessionId, viewer) : undefined;
        if (!attachment) {
          const session = await deps.createSession(user, { columns, rows });
          if (socket.disconnected) {
            session.close();
            return;
          }
          attachment = registry.add(user.id, newSessionId(), session, viewer);
        }
        current = { attachment, viewer };
        attachment.session.resize(columns, rows);
        socket.emit("opened", { sessionId: attachment.sessionId, replay: attachment.replay });
        ready();
      } catch (error) {
        log.error({ err: error, userId: user.id }, "could not open a terminal session");
        socket.emit("failed", { message: "The terminal could not be started. Try again in a moment." });
      } finally {
        opening = false;
      }
    };

    socket.on("open", (raw: unknown) => void open(raw));

    socket.on("input", (raw: unknown) => {
      const parsed = inputPayload.safeParse(raw);
      if (!parsed.success || !current) return;
      current.attachment.touch();
      guarded("input", () => current?.attachment.session.input(parsed.data));
    });

    socket.on("resize", (raw: unknown) => {
      const parsed = resizePayload.safeParse(raw);
      if (!parsed.success || !current) return;
      current.attachment.touch();
      guarded("resize", () => current?.attachment.session.resize(parsed.data.columns, parsed.data.rows));
    });

    socket.on("disconnect", detach);
  });

  const reaper = setInterval(() => registry.reap(), deps.reapEveryMs ?? 60_000);
  reaper.unref();
  return {
    registry,
    stop: () => {
      clearInterval(reaper);
      registry.closeAll("The server is restarting.");
    },
  };
}
