import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenAuthenticator, issueApiToken } from "@/lib/server/auth/token-authenticator";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/database";

// Bearer tokens against real Postgres: only hashes are stored; expired and revoked tokens stop working.
let database: ThrowawayDatabase;
let prisma: ReturnType<typeof createPrismaClient>;

beforeAll(async () => {
  database = await createThrowawayDatabase();
  prisma = createPrismaClient(database.url);
});

afterAll(async () => {
  await prisma.$disconnect();
  await database.drop();
});

describe("token authenticator", () => {
  it("maps a token to the user's cluster identity, by role", async () => {
    const learner = await prisma.user.create({ data: { email: "l@test.local", name: "L", role: "LEARNER" } });
    const admin = await prisma.user.create({ data: { email: "a@test.local", name: "A", role: "ADMIN" } });
    const authenticate = createTokenAuthenticator({ prisma, cacheMs: 0 });
    const { token: learnerToken } = await issueApiToken(prisma, learner.id, "laptop");
    const { token: adminToken } = await issueApiToken(prisma, admin.id, "ops");
    expect(await authenticate(`Bearer ${learnerToken}`)).toEqual({ username: "l@test.local", uid: learner.id, groups: ["kubeclass:learners", "system:authenticated"] });
    expect((await authenticate(`Bearer ${adminToken}`))?.groups).toContain("system:masters");
    // Only the hash is stored.
    const stored = await prisma.apiToken.findMany({ select: { tokenHash: true } });
    expect(stored.map((s) => s.tokenHash)).not.toContain(learnerToken);
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.tokenHash))).toBe(true);
  });

  it("refuses unknown, malformed, expired and revoked tokens", async () => {
    const user = await prisma.user.create({ data: { email: "r@test.local", name: "R" } });
    let now = Date.parse("2026-05-01T00:00:00Z");
    const authenticate = createTokenAuthenticator({ prisma, cacheMs: 0, now: () => now });
    const expiring = await issueApiToken(prisma, user.id, "short", new Date(now + 60_000));
    const revocable = await issueApiToken(prisma, user.id, "revocable");
    expect(await authenticate(`Bearer ${expiring.token}`)).toBeDefined();
    now += 61_000;
    expect(await authenticate(`Bearer ${expiring.token}`)).toBeUndefined();
    expect(await authenticate(`Bearer ${revocable.token}`)).toBeDefined();
    await prisma.apiToken.update({ where: { id: revocable.id }, data: { revokedAt: new Date(now) } });
    expect(await authenticate(`Bearer ${revocable.token}`)).toBeUndefined();
    expect(await authenticate("Bearer kc_unknown")).toBeUndefined();
    expect(await authenticate(`Basic ${revocable.token}`)).toBeUndefined();
    expect(await authenticate(undefined)).toBeUndefined();
  });

  it("trusts a checked token only for the cache period, so revocation takes effect within it", async () => {
    const user = await prisma.user.create({ data: { email: "c@test.local", name: "C" } });
    let now = 1_000_000;
    const authenticate = createTokenAuthenticator({ prisma, cacheMs: 5000, now: () => now });
    const issued = await issueApiToken(prisma, user.id, "cached");
    expect(await authenticate(`Bearer ${issued.token}`)).toBeDefined();
    await prisma.apiToken.update({ where: { id: issued.id }, data: { revokedAt: new Date() } });
    now += 4000;
    expect(await authenticate(`Bearer ${issued.token}`)).toBeDefined();
    now += 2000;
    expect(await authenticate(`Bearer ${issued.token}`)).toBeUndefined();
  });
});
