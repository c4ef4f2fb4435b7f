import { broadcastNotice, MAX_BROADCAST_CHARS, oneLine } from "@/lib/instructor/broadcast-notice";
import type { PlatformUser } from "../auth/platform-user";
import { requireClassroomInstructor } from "../classrooms/classroom-access";
import type { PrismaClient } from "../db/generated/prisma/client";
import { Invalid, TooManyRequests } from "../platform-errors";
import type { SessionRegistry } from "../terminal/session-registry";

/** A learner opening a terminal this long after a broadcast still sees it. */
export const BROADCAST_KEPT_MS = 10 * 60_000;
/** One broadcast per instructor per this long: a double click or a stuck key does not flood forty terminals. */
export const BROADCAST_INTERVAL_MS = 2_000;

export type BroadcastDeps = {
  prisma: PrismaClient;
  sessions: Pick<SessionRegistry, "notify">;
  now: () => Date;
  /** When each instructor last broadcast (ms), for the rate limit. */
  lastSent: Map<string, number>;
};

export type BroadcastResult = { sentAt: string; learners: number; terminals: number };

/** The message of a broadcast body: a non-empty line of at most MAX_BROADCAST_CHARS characters, or Invalid. */
export function broadcastMessage(body: unknown): string {
  const raw = typeof body === "object" && body !== null && "message" in body ? body.message : undefined;
  const message = typeof raw === "string" ? oneLine(raw) : "";
  if (message.length === 0 || message.length > MAX_BROADCAST_CHARS) throw new Invalid(`Write a message of 1 to ${MAX_BROADCAST_CHARS} characters.`);
  return message;
}

/**
 * An instructor's message to the classroom: shown at once in every open terminal of its learners, and in any they
 * open within BROADCAST_KEPT_MS (the latest broadcast of the classroom only). Instructors' own terminals are left alone.
 */
export async function broadcastToClassroom(deps: BroadcastDeps, actor: PlatformUser, classroomId: string, body: unknown): Promise<BroadcastResult> {
  await requireClassroomInstructor(deps.prisma, actor, classroomId);
  const message = broadcastMessage(body);
  const now = deps.now().getTime();
  const last = deps.lastSent.get(actor.id);
  if (last !== undefined && now - last < BROADCAST_INTERVAL_MS) {
    throw new TooManyRequests("You sent a message a moment ago. Wait two seconds before sending the next one.", Math.ceil((last + BROADCAST_INTERVAL_MS - now) / 1000));
  }
  for (const [id, at] of deps.lastSent) if (now - at >= BROADCAST_INTERVAL_MS) deps.lastSent.delete(id);
  deps.lastSent.set(actor.id, now);
  const learners = await deps.prisma.membership.findMany({ where: { classroomId, role: "LEARNER" }, select: { userId: true } });
  const userIds = learners.map((m) => m.userId);
  const terminals = deps.sessions.notify(userIds, broadcastNotice(actor.name || actor.email, message), { key: `classroom:${classroomId}`, untilMs: now + BROADCAST_KEPT_MS });
  return { sentAt: new Date(now).toISOString(), learners: userIds.length, terminals };
}
