import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { signUp } from "@/lib/server/accounts/sign-up";
import { verifyPassword } from "@/lib/server/auth/password";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { Conflict, Forbidden } from "@/lib/server/platform-errors";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../../support/database";

// Sign-up against a real, migrated Postgres.
let database: ThrowawayDatabase;
let prisma: ReturnType<typeof createPrismaClient>;
const open = () => ({ prisma, instructorSignup: "open" as const });

beforeAll(async () => {
  database = await createThrowawayDatabase();
  prisma = createPrismaClient(database.url);
});

afterAll(async () => {
  await prisma.$disconnect();
  await database.drop();
});

describe("signing up", () => {
  it("stores the e-mail address lower case, the name trimmed, and only a hash of the password", async () => {
    const { user } = await signUp(open(), { email: "  Ada.Lovelace@Example.ORG ", name: " Ada ", password: "analytical engine" });
    expect(user).toMatchObject({ email: "ada.lovelace@example.org", name: "Ada", role: "LEARNER" });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).not.toContain("analytical");
    expect(await verifyPassword("analytical engine", row.passwordHash ?? "")).toBe(true);
    expect(row.sessionVersion).toBe(0);
  });

  it("refuses an address that already has an account, whatever its case, with a sentence", async () => {
    const attempt = signUp(open(), { email: "ADA.LOVELACE@example.org", name: "Other Ada", password: "another password" });
    await expect(attempt).rejects.toBeInstanceOf(Conflict);
    await expect(attempt).rejects.toMatchObject({
      status: 409,
      message: "An account for ada.lovelace@example.org already exists. Sign in instead, or ask your instructor for a password reset link.",
    });
    expect(await prisma.user.count({ where: { email: "ada.lovelace@example.org" } })).toBe(1);
  });

  it("gives exactly one account to two sign-ups racing for the same address", async () => {
    const results = await Promise.allSettled(
      [1, 2, 3].map((n) => signUp(open(), { email: "race@example.org", name: `Racer ${n}`, password: "fast fingers 123" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(Conflict);
    expect(await prisma.user.count({ where: { email: "race@example.org" } })).toBe(1);
  });

  it("makes instructors unless instructor sign-up is closed", async () => {
    const { user } = await signUp(open(), { email: "teacher@example.org", name: "T", password: "chalk and board", role: "INSTRUCTOR" });
    expect(user.role).toBe("INSTRUCTOR");
    const closed = signUp({ prisma, instructorSignup: "closed" }, { email: "t2@example.org", name: "T2", password: "chalk and board", role: "INSTRUCTOR" });
    await expect(closed).rejects.toBeInstanceOf(Forbidden);
    expect(await prisma.user.findUnique({ where: { email: "t2@example.org" } })).toBeNull();
    const learner = await signUp({ prisma, instructorSignup: "closed" }, { email: "l2@example.org", name: "L2", password: "chalk and board" });
    expect(learner.user.role).toBe("LEARNER");
  });

  it("hands back an invite code, normalised, so the page can continue to the classroom", async () => {
    expect(await signUp(open(), { email: "inv@example.org", name: "I", password: "join me please", invite: "demo-2026" })).toMatchObject({ invite: "DEMO2026" });
    const odd = await signUp(open(), { email: "inv2@example.org", name: "I", password: "join me please", invite: "../../x" });
    expect(odd).not.toHaveProperty("invite");
  });

  it("refuses short passwords and bad addresses with the field named", async () => {
    const short = signUp(open(), { email: "short@example.org", name: "S", password: "123456789" });
    await expect(short).rejects.toBeInstanceOf(ZodError);
    await expect(short).rejects.toMatchObject({ issues: [{ path: ["password"], message: "Use at least 10 characters for your password." }] });
    await expect(signUp(open(), { email: "not-an-address", name: "S", password: "long enough pass" })).rejects.toMatchObject({
      issues: [{ path: ["email"], message: "Enter a valid e-mail address." }],
    });
    await expect(signUp(open(), { email: "r@example.org", name: "R", password: "long enough pass", role: "ADMIN" as "LEARNER" })).rejects.toBeInstanceOf(ZodError);
    expect(await prisma.user.count({ where: { email: { in: ["short@example.org", "r@example.org"] } } })).toBe(0);
  });
});
