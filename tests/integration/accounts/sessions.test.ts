import { randomBytes } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { encode } from "next-auth/jwt";
import { Server } from "socket.io";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInWithPassword } from "@/lib/server/accounts/sign-in-with-password";
import { hashPassword } from "@/lib/server/auth/password";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { createSignInLimiter } from "@/lib/server/auth/sign-in-limit";
import { sessionUserFromCookieHeader, type CookieSessionDeps } from "@/lib/server/auth/session-user";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { env } from "@/lib/server/env";
import { TooManyRequests } from "@/lib/server/platform-errors";
import { attachMeNamespace } from "@/lib/server/realtime/me-namespace";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../../support/database";

// Password sign-in and the session cookie as next-auth seals it, checked against a real Postgres (and Redis for
// the limit): a session names a user and a generation, and anything that changes either ends it. The socket.io
// `/me` namespace sees the same.
let database: ThrowawayDatabase;
let prisma: ReturnType<typeof createPrismaClient>;
let redis: Redis;
let learner: PlatformUser;
const secret = randomBytes(32).toString("base64url");
const cookieName = "next-auth.session-token";
const prefix = `kubeclass-test-sessions-${randomBytes(4).toString("hex")}`;
let deps: CookieSessionDeps;

const cookieFor = async (sub: string, sessionVersion: number, key = secret) =>
  `other=1; ${cookieName}=${await encode({ token: { sub, sessionVersion }, secret: key })}`;

beforeAll(async () => {
  database = await createThrowawayDatabase();
  prisma = createPrismaClient(database.url);
  redis = new Redis(env().REDIS_URL, { maxRetriesPerRequest: 1 });
  deps = { prisma, secret, cookieName };
  learner = await prisma.user.create({
    data: { email: "learner@example.org", name: "Lea Learner", role: "LEARNER", passwordHash: await hashPassword("correct horse battery") },
    select: { id: true, email: true, name: true, role: true },
  });
});

afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  await prisma.$disconnect();
  await database.drop();
});

describe("password sign-in", () => {
  it("gives the account's id and session generation for the right password, nothing for a wrong one", async () => {
    const signIn = { prisma, limiter: createSignInLimiter({ redis, prefix: `${prefix}:a` }) };
    expect(await signInWithPassword(signIn, { email: " Learner@Example.org", password: "correct horse battery", address: "203.0.113.9" })).toEqual({
      id: learner.id,
      sessionVersion: 0,
    });
    expect(await signInWithPassword(signIn, { email: "learner@example.org", password: "wrong horse", address: "203.0.113.9" })).toBeUndefined();
    expect(await signInWithPassword(signIn, { email: "nobody@example.org", password: "correct horse battery", address: "203.0.113.9" })).toBeUndefined();
  });

  it("is refused with a sentence and a retry time after five failures, even with the right password", async () => {
    const signIn = { prisma, limiter: createSignInLimiter({ redis, prefix: `${prefix}:b` }) };
    for (let i = 0; i < 5; i++) {
      expect(await signInWithPassword(signIn, { email: "learner@example.org", password: `guess ${i}`, address: "198.51.100.3" })).toBeUndefined();
    }
    const refused = signInWithPassword(signIn, { email: "learner@example.org", password: "correct horse battery", address: "198.51.100.3" });
    await expect(refused).rejects.toBeInstanceOf(TooManyRequests);
    await expect(refused).rejects.toThrow(/^Too many sign-in attempts\. Try again in \d+ minutes\.$/);
    // The learner, from their own address, is not locked out by someone else's guessing.
    expect(await signInWithPassword(signIn, { email: "learner@example.org", password: "correct horse battery", address: "203.0.113.10" })).toBeDefined();
  });
});

describe("a session cookie", () => {
  it("names its user, loaded fresh from the database", async () => {
    expect(await sessionUserFromCookieHeader(await cookieFor(learner.id, 0), deps)).toEqual(learner);
    await prisma.user.update({ where: { id: learner.id }, data: { role: "INSTRUCTOR", name: "Lea Teacher" } });
    expect(await sessionUserFromCookieHeader(await cookieFor(learner.id, 0), deps)).toMatchObject({ role: "INSTRUCTOR", name: "Lea Teacher" });
    await prisma.user.update({ where: { id: learner.id }, data: { role: "LEARNER", name: "Lea Learner" } });
  });

  it("counts for nothing when sealed with another secret, tampered with, missing, or without a generation", async () => {
    expect(await sessionUserFromCookieHeader(await cookieFor(learner.id, 0, randomBytes(32).toString("base64url")), deps)).toBeUndefined();
    const good = await cookieFor(learner.id, 0);
    expect(await sessionUserFromCookieHeader(`${good.slice(0, -3)}abc`, deps)).toBeUndefined();
    expect(await sessionUserFromCookieHeader(undefined, deps)).toBeUndefined();
    expect(await sessionUserFromCookieHeader("other=1", deps)).toBeUndefined();
    const noVersion = `${cookieName}=${await encode({ token: { sub: learner.id }, secret })}`;
    expect(await sessionUserFromCookieHeader(noVersion, deps)).toBeUndefined();
  });

  it("ends when the user's sessionVersion moves on or the user is deleted", async () => {
    const cookie = await cookieFor(learner.id, 0);
    await prisma.user.update({ where: { id: learner.id }, data: { sessionVersion: { increment: 1 } } });
    expect(await sessionUserFromCookieHeader(cookie, deps)).toBeUndefined();
    expect(await sessionUserFromCookieHeader(await cookieFor(learner.id, 1), deps)).toEqual(learner);
    const gone = await prisma.user.create({ data: { email: "gone@example.org", name: "Gone", role: "LEARNER" } });
    const goneCookie = await cookieFor(gone.id, 0);
    expect(await sessionUserFromCookieHeader(goneCookie, deps)).toBeDefined();
    await prisma.user.delete({ where: { id: gone.id } });
    expect(await sessionUserFromCookieHeader(goneCookie, deps)).toBeUndefined();
  });
});

describe("the /me socket.io namespace", () => {
  let http: HttpServer;
  let io: Server;
  let url: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    http = createServer();
    io = new Server(http, { serveClient: false });
    attachMeNamespace(io, (cookie) => sessionUserFromCookieHeader(cookie, deps));
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await io.close();
  });

  // Node's client sends extraHeaders on the WebSocket handshake as a browser sends its cookies.
  function open(headers: Record<string, string>): Promise<{ hello?: unknown; error?: string }> {
    const socket = connect(`${url}/me`, { transports: ["websocket"], extraHeaders: headers, reconnection: false, forceNew: true });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.on("hello", (hello: unknown) => resolve({ hello }));
      socket.on("connect_error", (error) => resolve({ error: error.message }));
    });
  }

  it("greets a signed-in user with their e-mail and role", async () => {
    const { sessionVersion } = await prisma.user.findUniqueOrThrow({ where: { id: learner.id } });
    expect(await open({ cookie: await cookieFor(learner.id, sessionVersion) })).toEqual({ hello: { email: "learner@example.org", role: "LEARNER" } });
  });

  it("refuses a handshake without a valid session, or from another site's page", async () => {
    const { sessionVersion } = await prisma.user.findUniqueOrThrow({ where: { id: learner.id } });
    expect(await open({})).toEqual({ error: "unauthorized" });
    expect(await open({ cookie: await cookieFor(learner.id, sessionVersion + 5) })).toEqual({ error: "unauthorized" });
    expect(await open({ cookie: await cookieFor(learner.id, sessionVersion), origin: "https://evil.example" })).toEqual({ error: "unauthorized" });
    expect(await open({ cookie: await cookieFor(learner.id, sessionVersion), origin: url })).toEqual({ hello: { email: "learner@example.org", role: "LEARNER" } });
  });
});
