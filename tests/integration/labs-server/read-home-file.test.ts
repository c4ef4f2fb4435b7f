import { afterAll, beforeAll, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { readHomeFile } from "@/lib/server/labs/read-home-file";
import { PrismaHomeFs } from "@/lib/server/terminal/prisma-home-fs";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../../support/database";

// The homeFile check reads the learner's own terminal home, and nothing outside it.
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

it("reads a file by its path relative to the user's home, and only there", async () => {
  const jane = await prisma.user.create({ data: { email: "Jane.Doe@example.org", name: "Jane", role: "LEARNER" } });
  const joe = await prisma.user.create({ data: { email: "joe@example.org", name: "Joe", role: "LEARNER" } });
  const janes = new PrismaHomeFs(prisma, jane.id, "/home/jane-doe");
  await janes.mkdir("/home/jane-doe/.kube", { parents: true });
  await janes.writeFile("/home/jane-doe/.kube/config", "current-context: kubeclass\n");
  const joes = new PrismaHomeFs(prisma, joe.id, "/home/joe");
  await joes.mkdir("/home/joe", { parents: true });
  await joes.writeFile("/home/joe/secret.txt", "joe's\n");

  expect(await readHomeFile(prisma, jane.id, ".kube/config")).toBe("current-context: kubeclass\n");
  expect(await readHomeFile(prisma, jane.id, "./.kube//config")).toBe("current-context: kubeclass\n");
  expect(await readHomeFile(prisma, jane.id, "missing.yml")).toBeUndefined();
  expect(await readHomeFile(prisma, jane.id, ".kube")).toBeUndefined();
  // Another user's file is out of reach, however the path is written.
  expect(await readHomeFile(prisma, jane.id, "../joe/secret.txt")).toBeUndefined();
  expect(await readHomeFile(prisma, jane.id, "/home/joe/secret.txt")).toBeUndefined();
  expect(await readHomeFile(prisma, jane.id, "secret.txt")).toBeUndefined();
  expect(await readHomeFile(prisma, joe.id, "secret.txt")).toBe("joe's\n");
  expect(await readHomeFile(prisma, "no-such-user", "secret.txt")).toBeUndefined();
});
