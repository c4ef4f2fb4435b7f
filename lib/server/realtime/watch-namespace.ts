import type { Server, Socket } from "socket.io";
import { z } from "zod";
import { apiEntry, checkEntry, commandEntry, keepApiCall, type TimelineEntry } from "@/lib/instructor/timeline-entry";
import type { ClusterApi } from "../apiserver/cluster-api";
import type { PrismaClient } from "../db/generated/prisma/client";
import { followNamespaceGraph } from "../instructor/namespace-graph";
import { SharedGraphFeeds } from "../instructor/shared-graph-feeds";
import { requireWatchableLearner, type WatchableLearner } from "../instructor/watchable-learner";
import { logger } from "../logger";
import { PlatformError } from "../platform-errors";
import type { SessionRegistry } from "../terminal/session-registry";
import type { ActivityBus, ActivityEvent } from "./activity-bus";
import { requireSession, type SessionSocketData } from "./session-auth";

const watchPayload = z.object({ classroomId: z.string().min(1).max(100), learnerId: z.string().min(1).max(100) });

export type WatchNamespaceDeps = {
  prisma: PrismaClient;
  /** The process's cluster API (it may still be starting when a socket connects). */
  api: () => Promise<ClusterApi>;
  /** The terminal sessions to shadow (terminal-runtime.ts's). */
  sessions: SessionRegistry;
  bus: ActivityBus;
  resolveUser?: Parameters<typeof requireSession>[1];
  graphDebounceMs?: number;
};

export type WatchAck = { ok: true; learner: { name: string; email: string; namespace: string } } | { ok: false; error: string };

/** The live timeline entry an activity event makes for this learner, if it is theirs and worth showing. */
function entryFor(event: ActivityEvent, learner: WatchableLearner["learner"]): TimelineEntry | undefined {
  switch (event.kind) {
    case "command":
      return event.userId === learner.userId ? commandEntry(event) : undefined;
    case "api":
      return event.username === learner.email && keepApiCall(event) ? apiEntry(event) : undefined;
    case "check":
      return event.userId === learner.userId ? checkEntry(event) : undefined;
    default:
      return undefined;
  }
}

/**
 * `/watch`: an instructor's live student view. The user comes from the session cookie; `watch`
 * {classroomId, learnerId} is only a request, granted by requireWatchableLearner (the actor teaches that classroom
 * and the learner is one of its learners) and answered through the ack. Once granted, the socket receives
 * `graph` (the learner's namespace, on every change), `timeline` (each new entry) and `shadow` ({data, reset?}: the
 * learner's terminal output, read-only: this namespace has no event that reaches their shell). A new `watch`
 * replaces the previous one; `unwatch` and disconnecting stop everything the socket started.
 */
export function attachWatchNamespace(io: Server, deps: WatchNamespaceDeps): { feeds: SharedGraphFeeds; stop: () => void } {
  const log = logger("realtime:/watch");
  const namespace = io.of("/watch");
  requireSession(namespace, deps.resolveUser);
  const feeds = new SharedGraphFeeds((ns, onGraph) => {
    let stop: (() => void) | undefined;
    let stopped = false;
    deps.api().then(
      (api) => {
        if (!stopped) stop = followNamespaceGraph(api, ns, onGraph, { ...(deps.graphDebounceMs !== undefined ? { debounceMs: deps.graphDebounceMs } : {}), onError: (error) => log.warn({ err: error, namespace: ns }, "namespace graph watch failed") });
      },
      (error: unknown) => log.error({ err: error }, "no cluster API for the student view"),
    );
    return () => {
      stopped = true;
      stop?.();
    };
  });

  namespace.on("connection", (socket: Socket) => {
    const { user } = socket.data as SessionSocketData;
    let stopCurrent: (() => void) | undefined;
    let request = 0;

    const unwatch = () => {
      stopCurrent?.();
      stopCurrent = undefined;
    };

    const start = ({ learner }: WatchableLearner) => {
      let live = true;
      const stops: (() => void)[] = [() => (live = false)];
      stops.push(feeds.subscribe(learner.namespace, (graph) => socket.emit("graph", graph)));
      stops.push(
        deps.bus.on((event) => {
          const entry = entryFor(event, learner);
          if (entry) socket.emit("timeline", entry);
        }),
      );
      // Terminal output comes line by line: one message per turn of the event loop, as /terminal sends it.
      let batch = "";
      const shadow = deps.sessions.watchUser(learner.userId, (data) => {
        if (!batch) setImmediate(() => {
          if (batch && live) socket.emit("shadow", { data: batch });
          batch = "";
        });
        batch += data;
      });
      socket.emit("shadow", { data: shadow.replay, reset: true });
      stops.push(() => shadow.detach());
      return () => stops.forEach((stop) => stop());
    };

    const watch = async (raw: unknown, ack?: unknown) => {
      const reply = (answer: WatchAck) => (typeof ack === "function" ? (ack as (a: WatchAck) => void)(answer) : undefined);
      const parsed = watchPayload.safeParse(raw);
      if (!parsed.success) return reply({ ok: false, error: "Say which classroom and learner to watch." });
      const mine = ++request;
      unwatch();
      try {
        const watchable = await requireWatchableLearner(deps.prisma, user, parsed.data.classroomId, parsed.data.learnerId);
        // A newer request or a disconnect while we were checking wins; this one sends nothing.
        if (mine !== request || socket.disconnected) return;
        stopCurrent = start(watchable);
        const { name, email, namespace: ns } = watchable.learner;
        reply({ ok: true, learner: { name, email, namespace: ns } });
      } catch (error) {
        if (error instanceof PlatformError) return reply({ ok: false, error: error.message });
        log.error({ err: error, userId: user.id }, "could not start watching a learner");
        reply({ ok: false, error: "The student view could not be started. Try again in a moment." });
      }
    };

    socket.on("watch", (raw: unknown, ack?: unknown) => void watch(raw, ack));

    socket.on("unwatch", unwatch);
    socket.on("disconnect", unwatch);
  });

  return { feeds, stop: () => feeds.stopAll() };
}
