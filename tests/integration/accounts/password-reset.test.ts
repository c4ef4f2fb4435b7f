import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canManageUser } from "@/lib/server/accounts/can-manage-user";
import { createPasswordReset, PASSWORD_RESET_TTL_MS } from "@/lib/server/accounts/create-password-reset";
import { findPasswordReset } from "@/lib/server/accounts/find-password-reset";
import { resetPassword } from "@/lib/server/accounts/reset-password";
import { hashToken } from "@/lib/server/auth/api-tokens";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { loadSessionUser } from "@/lib/server/auth/session-user";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { Forbidden, Invalid, NotFound } from "@/lib/server/platform-errors";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../../support/database";

// Reset links against a real Postgres: who may make them, one use, 24 hours, and every old session ended.
let database: ThrowawayDatabase;
let prisma: ReturnType<typeof createPrismaClient>;
let clock = new Date("2026-11-26T09:00:00Z");
const deps = () => ({ prisma, publicUrl: "https://class.example/", now: () => clock });

let admin: PlatformUser;
let teacher: PlatformUser;
let coTeacher: PlatformUser;
let otherTeacher: PlatformUser;
let learner: PlatformUser;
let instructorAsLearner: PlatformUser;
let stranger: PlatformUser;

const tokenOf = (url: string) => url.split("/").pop() ?? "";

beforeAll(async () => {
  database = await createThrowawayDatabase();
  prisma = createPrismaClient(database.url);
  const passwordHash = await hashPassword("the old password");
  const make = async (email: string, role: PlatformUser["role"]): Promise<PlatformUser> =>
    prisma.user.create({ data: { email, name: email.split("@")[0] ?? email, role, passwordHash }, select: { id: true, email: true, name: true, role: true } });
  admin = await make("admin@example.org", "ADMIN");
  teacher = await make("teacher@example.org", "INSTRUCTOR");
  coTeacher = await make("co@example.org", "INSTRUCTOR");
  otherTeacher = await make("other@example.org", "INSTRUCTOR");
  learner = await make("learner@example.org", "LEARNER");
  instructorAsLearner = await make("sneaky@example.org", "INSTRUCTOR");
  stranger = await make("stranger@example.org", "LEARNER");

  const classroom = await prisma.classroom.create({ data: { name: "K8s", slug: "k8s", inviteCode: "RESETTEST1", ownerId: teacher.id } });
  const other = await prisma.classroom.create({ data: { name: "Other", slug: "other", inviteCode: "RESETTEST2", ownerId: otherTeacher.id } });
  await prisma.membership.createMany({
    data: [
      { userId: teacher.id, classroomId: classroom.id, role: "INSTRUCTOR" },
      { userId: coTeacher.id, classroomId: classroom.id, role: "INSTRUCTOR" },
      { userId: learner.id, classroomId: classroom.id, role: "LEARNER", namespace: "k8s-learner" },
      { userId: instructorAsLearner.id, classroomId: classroom.id, role: "LEARNER", namespace: "k8s-sneaky" },
      { userId: otherTeacher.id, classroomId: other.id, role: "INSTRUCTOR" },
      { userId: stranger.id, classroomId: other.id, role: "LEARNER", namespace: "other-stranger" },
    ],
  });
});

afterAll(async () => {
  await prisma.$disconnect();
  await database.drop();
});

describe("who may manage whose account", () => {
  it("admins anyone; instructors the learners of classrooms they teach; nobody else", async () => {
    expect(await canManageUser(prisma, admin, stranger.id)).toBe(true);
    expect(await canManageUser(prisma, teacher, learner.id)).toBe(true); // owner
    expect(await canManageUser(prisma, coTeacher, learner.id)).toBe(true); // co-instructor
    expect(await canManageUser(prisma, otherTeacher, learner.id)).toBe(false); // another class
    expect(await canManageUser(prisma, teacher, stranger.id)).toBe(false);
    expect(await canManageUser(prisma, teacher, coTeacher.id)).toBe(false); // instructors are not learners
    expect(await canManageUser(prisma, teacher, instructorAsLearner.id)).toBe(false); // nor by joining as one
    expect(await canManageUser(prisma, learner, learner.id)).toBe(false);
    expect(await canManageUser(prisma, learner, stranger.id)).toBe(false);
  });
});

describe("password reset links", () => {
  it("are made for a learner by their instructor, as a one-time URL whose token is stored only hashed", async () => {
    const link = await createPasswordReset(deps(), teacher, { userId: learner.id });
    expect(link.url).toMatch(/^https:\/\/class\.example\/reset-password\/kc_[A-Za-z0-9_-]{43}$/);
    expect(link.email).toBe("learner@example.org");
    expect(link.expiresAt.getTime() - clock.getTime()).toBe(PASSWORD_RESET_TTL_MS);
    const row = await prisma.passwordResetToken.findUniqueOrThrow({ where: { tokenHash: hashToken(tokenOf(link.url)) } });
    expect(row).toMatchObject({ userId: learner.id, createdById: teacher.id, usedAt: null });
    expect(await findPasswordReset(deps(), tokenOf(link.url))).toEqual({ email: "learner@example.org", name: "learner" });
  });

  it("are refused to learners, and to instructors for anyone outside their classes (as if no such user)", async () => {
    await expect(createPasswordReset(deps(), learner, { userId: stranger.id })).rejects.toBeInstanceOf(Forbidden);
    await expect(createPasswordReset(deps(), otherTeacher, { userId: learner.id })).rejects.toBeInstanceOf(NotFound);
    await expect(createPasswordReset(deps(), teacher, { userId: "no-such-id" })).rejects.toBeInstanceOf(NotFound);
    await expect(createPasswordReset(deps(), teacher, { userId: instructorAsLearner.id })).rejects.toBeInstanceOf(NotFound);
    await expect(createPasswordReset(deps(), admin, { userId: "no-such-id" })).rejects.toBeInstanceOf(NotFound);
    expect((await createPasswordReset(deps(), admin, { userId: coTeacher.id })).email).toBe("co@example.org");
  });

  it("set the new password once, end every session the person had, and then stop working", async () => {
    const before = await prisma.user.findUniqueOrThrow({ where: { id: learner.id } });
    const session = { userId: learner.id, sessionVersion: before.sessionVersion };
    expect(await loadSessionUser(prisma, session)).toMatchObject({ email: "learner@example.org" });

    const link = await createPasswordReset(deps(), coTeacher, { userId: learner.id });
    expect(await resetPassword(deps(), { token: tokenOf(link.url), password: "a brand new password" })).toEqual({ email: "learner@example.org" });

    const after = await prisma.user.findUniqueOrThrow({ where: { id: learner.id } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await verifyPassword("a brand new password", after.passwordHash ?? "")).toBe(true);
    expect(await verifyPassword("the old password", after.passwordHash ?? "")).toBe(false);
    expect(await loadSessionUser(prisma, session)).toBeUndefined();
    expect(await loadSessionUser(prisma, { userId: learner.id, sessionVersion: after.sessionVersion })).toBeDefined();

    const again = resetPassword(deps(), { token: tokenOf(link.url), password: "yet another password" });
    await expect(again).rejects.toBeInstanceOf(Invalid);
    await expect(again).rejects.toThrow("This reset link has expired or was already used. Ask your instructor for a new one.");
    expect(await findPasswordReset(deps(), tokenOf(link.url))).toBeUndefined();
    expect((await prisma.user.findUniqueOrThrow({ where: { id: learner.id } })).sessionVersion).toBe(after.sessionVersion);
  });

  it("expire after 24 hours", async () => {
    const link = await createPasswordReset(deps(), teacher, { userId: learner.id });
    const made = clock;
    clock = new Date(made.getTime() + PASSWORD_RESET_TTL_MS - 1000);
    expect(await findPasswordReset(deps(), tokenOf(link.url))).toBeDefined();
    clock = new Date(made.getTime() + PASSWORD_RESET_TTL_MS);
    expect(await findPasswordReset(deps(), tokenOf(link.url))).toBeUndefined();
    await expect(resetPassword(deps(), { token: tokenOf(link.url), password: "too late for this" })).rejects.toBeInstanceOf(Invalid);
    clock = made;
  });

  it("replace the person's earlier unused link, and refuse made-up tokens", async () => {
    const first = await createPasswordReset(deps(), teacher, { userId: learner.id });
    const second = await createPasswordReset(deps(), teacher, { userId: learner.id });
    await expect(resetPassword(deps(), { token: tokenOf(first.url), password: "from the first link" })).rejects.toBeInstanceOf(Invalid);
    await expect(resetPassword(deps(), { token: "kc_made-up", password: "guessing a token" })).rejects.toBeInstanceOf(Invalid);
    expect(await resetPassword(deps(), { token: tokenOf(second.url), password: "from the second link" })).toEqual({ email: "learner@example.org" });
  });

  it("work only once even when used twice at the same moment", async () => {
    const link = await createPasswordReset(deps(), teacher, { userId: learner.id });
    const { sessionVersion } = await prisma.user.findUniqueOrThrow({ where: { id: learner.id } });
    const results = await Promise.allSettled([
      resetPassword(deps(), { token: tokenOf(link.url), password: "first of two racers" }),
      resetPassword(deps(), { token: tokenOf(link.url), password: "second of two racers" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: learner.id } })).sessionVersion).toBe(sessionVersion + 1);
  });

  it("refuse a short new password before touching the link", async () => {
    const link = await createPasswordReset(deps(), teacher, { userId: learner.id });
    await expect(resetPassword(deps(), { token: tokenOf(link.url), password: "short" })).rejects.toMatchObject({ issues: [{ path: ["password"] }] });
    expect(await findPasswordReset(deps(), tokenOf(link.url))).toBeDefined();
  });
});
