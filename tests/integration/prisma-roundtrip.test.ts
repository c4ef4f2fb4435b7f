import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma, type PrismaClient } from "../../lib/server/db/generated/prisma/client";
import { createPrismaClient } from "../../lib/server/db/prisma";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/database";

describe("Prisma client on real Postgres", () => {
  let db: ThrowawayDatabase;
  let client: PrismaClient;

  beforeAll(async () => {
    db = await createThrowawayDatabase();
    client = createPrismaClient(db.url);
  });

  afterAll(async () => {
    await client?.$disconnect();
    await db?.drop();
  });

  it("writes a user, a classroom and a membership and reads them back with relations", async () => {
    const owner = await client.user.create({
      data: { email: "ada@example.test", name: "Ada", role: "INSTRUCTOR", passwordHash: "scrypt$…" },
    });
    const learner = await client.user.create({ data: { email: "grace@example.test", name: "Grace" } });
    const classroom = await client.classroom.create({
      data: {
        name: "Kubernetes 101",
        slug: "k8s-101",
        inviteCode: "K8S-101",
        ownerId: owner.id,
        memberships: { create: [{ userId: learner.id, role: "LEARNER" }] },
      },
    });

    const read = await client.classroom.findUniqueOrThrow({
      where: { slug: "k8s-101" },
      include: { owner: true, memberships: { include: { user: true } } },
    });
    expect(read.id).toBe(classroom.id);
    expect(read.id).toMatch(/^c[a-z0-9]{20,}$/); // cuid
    expect(read.owner.email).toBe("ada@example.test");
    expect(read.memberships).toHaveLength(1);
    expect(read.memberships[0]?.user.name).toBe("Grace");
    expect(read.memberships[0]?.role).toBe("LEARNER");
    expect(read.memberships[0]?.joinedAt).toBeInstanceOf(Date);

    const grace = await client.user.findUniqueOrThrow({
      where: { email: "grace@example.test" },
      include: { memberships: { include: { classroom: true } } },
    });
    expect(grace.role).toBe("LEARNER"); // the default
    expect(grace.passwordHash).toBeNull();
    expect(grace.memberships.map((m) => m.classroom.slug)).toEqual(["k8s-101"]);
  });

  it("reports a duplicate email as P2002", async () => {
    await client.user.create({ data: { email: "dup@example.test", name: "First" } });
    const error: unknown = await client.user
      .create({ data: { email: "dup@example.test", name: "Second" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((error as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
  });

  it("will not delete a classroom owner, and deleting a classroom removes its memberships", async () => {
    const owner = await client.user.create({ data: { email: "owner@example.test", name: "Owner" } });
    const classroom = await client.classroom.create({
      data: {
        name: "Temp",
        slug: "temp",
        inviteCode: "TEMP-1",
        ownerId: owner.id,
        memberships: { create: [{ userId: owner.id, role: "INSTRUCTOR" }] },
      },
    });
    await expect(client.user.delete({ where: { id: owner.id } })).rejects.toBeInstanceOf(
      Prisma.PrismaClientKnownRequestError,
    );
    await client.classroom.delete({ where: { id: classroom.id } });
    expect(await client.membership.count({ where: { classroomId: classroom.id } })).toBe(0);
  });
});
