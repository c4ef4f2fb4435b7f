import type { Server, Socket } from "socket.io";
import { z } from "zod";
import type { PlatformUser } from "../auth/platform-user";
import { requireClassroomInstructor } from "../classrooms/classroom-access";
import type { PrismaClient } from "../db/generated/prisma/client";
import { prisma as processPrisma } from "../db/prisma";
import { learnerRows, type DashboardDeps } from "../instructor/classroom-dashboard";
import { instructorDeps } from "../instructor/instructor-deps";
import { logger } from "../logger";
import { PlatformError } from "../platform-errors";
import { activityBus, type ActivityBus, type ActivityEvent } from "./activity-bus";
import { ClassroomLearnerIndex } from "./classroom-learner-index";
import { KeyedThrottle } from "./keyed-throttle";
import { requireSession, type SessionSocketData } from "./session-auth";

export type ClassroomLiveOptions = {
  prisma?: PrismaClient;
  dashboard?: () => Promise<DashboardDeps>;
  bus?: ActivityBus;
  resolveUser?: Parameters<typeof requireSession>[1];
  /** At most one row per learner per this long (the first goes at once). */
  throttleMs?: number;
  /** How often the watched classrooms' learners and instructors are re-read. */
  refreshMs?: number;
};

export type Ack = { ok: true } | { error: string };

const subscribeInput = z.object({ classroomId: z.string().min(1).max(100) });
const room = (classroomId: string) => `classroom:${classroomId}`;
const SEP = "\u0000";

/**
 * `/classroom-live`: an instructor's dashboard subscribes to a classroom (`subscribe {classroomId}`, answered by
 * ack `{ok}` or `{error}`) and from then on gets `learner` — that learner's recomputed roster row — whenever one
 * of its learners acts (the activity bus). Rows are coalesced per learner (throttleMs) so a busy class cannot
 * flood a socket. Only instructors of the classroom (and admins) may join its room; that is re-checked on every
 * refresh, so a removed instructor stops receiving.
 */
export function attachClassroomLiveNamespace(io: Server, options: ClassroomLiveOptions = {}): () => void {
  const log = logger("realtime:classroom-live");
  const db = options.prisma ?? processPrisma();
  const dashboard = options.dashboard ?? instructorDeps;
  const bus = options.bus ?? activityBus;
  const namespace = io.of("/classroom-live");
  requireSession(namespace, options.resolveUser);
  const index = new ClassroomLearnerIndex(db);

  const push = async (key: string, seenAt: Date) => {
    const [classroomId, userId] = key.split(SEP) as [string, string];
    if (!namespace.adapter.rooms.get(room(classroomId))?.size) return;
    try {
      const { rows } = await learnerRows(await dashboard(), classroomId, { userId, seenAt });
      const row = rows[0];
      if (row) namespace.to(room(classroomId)).emit("learner", { classroomId, row });
    } catch (error) {
      log.warn({ err: error, classroomId }, "could not recompute a learner's row");
    }
  };
  const throttle = new KeyedThrottle(options.throttleMs ?? 250, push);

  // Events that name nobody known: perhaps a learner who joined since the last refresh. Kept (bounded) until
  // the next refresh, which is at most one query per 5 s however many such events arrive.
  const unknown = new Map<string, Date>();
  const dispatch = (userId: string, at: Date) => {
    for (const classroomId of index.classroomsOfUser(userId) ?? []) throttle.touch(`${classroomId}${SEP}${userId}`, at);
  };
  const refreshUnknown = () => {
    void index.refresh(5000).then(
      (refreshed) => {
        if (!refreshed) return;
        for (const [who, at] of unknown) {
          const userId = who.includes("@") ? index.userIdOf(who) : who;
          if (userId) dispatch(userId, at);
        }
        unknown.clear();
      },
      (error: unknown) => log.warn({ err: error }, "could not refresh classroom learners"),
    );
  };
  const onActivity = (event: ActivityEvent) => {
    if (index.watched.length === 0) return;
    const who = event.kind === "api" ? event.username.toLowerCase() : event.userId;
    // Controllers, service accounts and the platform itself are nobody's learner.
    if (who.startsWith("system:")) return;
    const userId = event.kind === "api" ? index.userIdOf(who) : who;
    if (userId && index.classroomsOfUser(userId)) return dispatch(userId, event.at);
    if (unknown.size < 1000) unknown.set(who, event.at);
    refreshUnknown();
  };
  const stopBus = bus.on(onActivity);

  // Learners who joined or left, and instructors who lost access, every refreshMs while anyone watches.
  const refreshAll = async () => {
    if (index.watched.length === 0) return;
    await index.refresh();
    for (const classroomId of index.watched) {
      const sockets = await namespace.in(room(classroomId)).fetchSockets();
      for (const socket of sockets) {
        const { user } = socket.data as SessionSocketData;
        const allowed = await requireClassroomInstructor(db, user, classroomId).then(
          () => true,
          () => false,
        );
        if (!allowed) {
          void socket.leave(room(classroomId));
          socket.emit("unsubscribed", { classroomId, error: "You no longer teach this classroom." });
        }
      }
    }
  };
  const timer = setInterval(() => void refreshAll().catch((error: unknown) => log.warn({ err: error }, "classroom-live refresh failed")), options.refreshMs ?? 30_000);
  timer.unref();

  namespace.adapter.on("delete-room", (name: string) => {
    if (!name.startsWith("classroom:")) return;
    const classroomId = name.slice("classroom:".length);
    index.unwatch(classroomId);
    throttle.forget((key) => key.startsWith(`${classroomId}${SEP}`));
  });

  namespace.on("connection", (socket: Socket) => {
    const { user } = socket.data as SessionSocketData;
    socket.on("subscribe", (payload: unknown, ack?: unknown) => {
      const reply = (answer: Ack) => (typeof ack === "function" ? (ack as (a: Ack) => void)(answer) : undefined);
      void subscribe(index, db, socket, user, payload).then(reply, (error: unknown) => {
        log.warn({ err: error }, "subscribe failed");
        reply({ error: "Something went wrong on our side; reload the page to try again." });
      });
    });
    socket.on("unsubscribe", (payload: unknown) => {
      const parsed = subscribeInput.safeParse(payload);
      if (parsed.success) void socket.leave(room(parsed.data.classroomId));
    });
  });

  return () => {
    stopBus();
    clearInterval(timer);
    throttle.stop();
  };
}

async function subscribe(index: ClassroomLearnerIndex, db: PrismaClient, socket: Socket, user: PlatformUser, payload: unknown): Promise<Ack> {
  const parsed = subscribeInput.safeParse(payload);
  if (!parsed.success) return { error: "Say which classroom to watch." };
  const { classroomId } = parsed.data;
  try {
    await requireClassroomInstructor(db, user, classroomId);
  } catch (error) {
    if (error instanceof PlatformError) return { error: error.message };
    throw error;
  }
  await index.watch(classroomId);
  await socket.join(room(classroomId));
  return { ok: true };
}
