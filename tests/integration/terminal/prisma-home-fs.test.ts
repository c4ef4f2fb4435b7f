import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { PrismaHomeFs } from "@/lib/server/terminal/prisma-home-fs";
import { FsError, type FsErrorCode } from "@/lib/terminal/virtual-fs";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../../support/database";

// The terminal's home directory in Postgres: POSIX-like semantics for the shell, and the per-user quotas.
let database: ThrowawayDatabase;
let prisma: ReturnType<typeof createPrismaClient>;
let janeId: string;
let joeId: string;

beforeAll(async () => {
  database = await createThrowawayDatabase();
  prisma = createPrismaClient(database.url);
  janeId = (await prisma.user.create({ data: { email: "jane@example.org", name: "Jane", role: "LEARNER" } })).id;
  joeId = (await prisma.user.create({ data: { email: "joe@example.org", name: "Joe", role: "LEARNER" } })).id;
});

afterAll(async () => {
  await prisma.$disconnect();
  await database.drop();
});

async function code(promise: Promise<unknown>): Promise<FsErrorCode | "ok"> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof FsError) return error.code;
    throw error;
  }
}

async function freshHome(home: string, limits?: ConstructorParameters<typeof PrismaHomeFs>[3]) {
  const user = await prisma.user.create({ data: { email: `${home.slice(6)}-${Math.random()}@example.org`, name: "x", role: "LEARNER" } });
  const fs = new PrismaHomeFs(prisma, user.id, home, limits);
  await fs.mkdir(home, { parents: true });
  return fs;
}

describe("a home directory in Postgres", () => {
  it("creates the home with mkdir -p, stores files and lists directories sorted", async () => {
    const fs = new PrismaHomeFs(prisma, janeId, "/home/jane");
    expect(await fs.stat("/home/jane")).toBeUndefined();
    expect(await fs.list("/home")).toEqual([]);
    await fs.mkdir("/home/jane", { parents: true });
    await fs.mkdir("/home/jane/.kube/cache", { parents: true });
    await fs.writeFile("/home/jane/deploy.yml", "kind: Deployment\n");
    await fs.writeFile("/home/jane/b.txt", "é");
    expect(await fs.readFile("/home/jane/deploy.yml")).toBe("kind: Deployment\n");
    expect(await fs.stat("/home/jane/b.txt")).toMatchObject({ kind: "file", size: 2 });
    expect((await fs.list("/home/jane")).map((e) => `${e.name}:${e.kind}`)).toEqual([".kube:dir", "b.txt:file", "deploy.yml:file"]);
    expect((await fs.list("/home/jane/.kube")).map((e) => e.name)).toEqual(["cache"]);
    expect((await fs.list("/")).map((e) => e.name)).toEqual(["home"]);
    expect((await fs.list("/home")).map((e) => `${e.name}:${e.kind}`)).toEqual(["jane:dir"]);
    expect(await fs.stat("/")).toMatchObject({ kind: "dir" });
  });

  it("appends, replaces, and keeps one user's files from another's", async () => {
    const jane = new PrismaHomeFs(prisma, janeId, "/home/jane");
    await jane.writeFile("/home/jane/log", "one\n");
    await jane.writeFile("/home/jane/log", "two\n", { append: true });
    expect(await jane.readFile("/home/jane/log")).toBe("one\ntwo\n");
    await jane.writeFile("/home/jane/log", "three\n");
    expect(await jane.readFile("/home/jane/log")).toBe("three\n");
    // Joe's home has the same layout in the same table, and sees none of Jane's rows.
    const joe = new PrismaHomeFs(prisma, joeId, "/home/jane");
    expect(await joe.stat("/home/jane/log")).toBeUndefined();
    expect(await code(joe.readFile("/home/jane/log"))).toBe("ENOENT");
  });

  it("answers like a file system: ENOENT, EISDIR, ENOTDIR, EEXIST, ENOTEMPTY, EACCES, EINVAL", async () => {
    const fs = await freshHome("/home/errs");
    await fs.writeFile("/home/errs/f", "x");
    await fs.mkdir("/home/errs/d");
    await fs.writeFile("/home/errs/d/inner", "y");
    expect(await code(fs.readFile("/home/errs/nope"))).toBe("ENOENT");
    expect(await code(fs.readFile("/home/errs/d"))).toBe("EISDIR");
    expect(await code(fs.readFile("/home"))).toBe("EISDIR");
    expect(await code(fs.writeFile("/home/errs/d", "z"))).toBe("EISDIR");
    expect(await code(fs.writeFile("/home/errs/missing/f", "z"))).toBe("ENOENT");
    expect(await code(fs.writeFile("/home/errs/f/g", "z"))).toBe("ENOTDIR");
    expect(await code(fs.list("/home/errs/f"))).toBe("ENOTDIR");
    expect(await code(fs.list("/home/errs/none"))).toBe("ENOENT");
    expect(await code(fs.mkdir("/home/errs/d"))).toBe("EEXIST");
    expect(await code(fs.mkdir("/home/errs/f", { parents: true }))).toBe("EEXIST");
    expect(await code(fs.mkdir("/home/errs/d", { parents: true }))).toBe("ok");
    expect(await code(fs.mkdir("/home/errs/x/y"))).toBe("ENOENT");
    expect(await code(fs.mkdir("/home/errs/f/y", { parents: true }))).toBe("ENOTDIR");
    expect(await code(fs.remove("/home/errs/d"))).toBe("ENOTEMPTY");
    expect(await code(fs.remove("/home/errs/gone"))).toBe("ENOENT");
    expect(await code(fs.writeFile("/etc/passwd", "root"))).toBe("EACCES");
    expect(await code(fs.mkdir("/tmp/x", { parents: true }))).toBe("EACCES");
    expect(await code(fs.remove("/home"))).toBe("EACCES");
    expect(await code(fs.readFile("/home/errs/../errs/f"))).toBe("EINVAL");
    expect(await code(fs.stat("relative"))).toBe("EINVAL");
  });

  it("removes recursively and renames files and whole directories", async () => {
    const fs = await freshHome("/home/mv");
    await fs.mkdir("/home/mv/a/b", { parents: true });
    await fs.writeFile("/home/mv/a/b/c.txt", "c");
    await fs.writeFile("/home/mv/a/top.txt", "t");
    await fs.rename("/home/mv/a", "/home/mv/z");
    expect(await fs.readFile("/home/mv/z/b/c.txt")).toBe("c");
    expect(await fs.stat("/home/mv/a")).toBeUndefined();
    expect((await fs.list("/home/mv")).map((e) => e.name)).toEqual(["z"]);
    // A file replaces a file; a directory cannot move into itself; a file cannot replace a directory.
    await fs.writeFile("/home/mv/new.txt", "new");
    await fs.rename("/home/mv/new.txt", "/home/mv/z/top.txt");
    expect(await fs.readFile("/home/mv/z/top.txt")).toBe("new");
    expect(await code(fs.rename("/home/mv/z", "/home/mv/z/b/inside"))).toBe("EINVAL");
    expect(await code(fs.rename("/home/mv/z/top.txt", "/home/mv/z/b"))).toBe("EISDIR");
    expect(await code(fs.rename("/home/mv/nothing", "/home/mv/x"))).toBe("ENOENT");
    expect(await code(fs.rename("/home/mv/z/top.txt", "/tmp/top.txt"))).toBe("EACCES");
    await fs.remove("/home/mv/z", { recursive: true });
    expect(await fs.list("/home/mv")).toEqual([]);
    expect(await fs.usage()).toEqual({ bytes: 0, entries: 1 });
  });
});

describe("quotas", () => {
  it("refuses a file over 1 MiB with EFBIG, also when an append would cross it", async () => {
    const fs = await freshHome("/home/big");
    const almost = "x".repeat((1 << 20) - 10);
    await fs.writeFile("/home/big/f", almost);
    expect(await code(fs.writeFile("/home/big/f", "0123456789A", { append: true }))).toBe("EFBIG");
    expect(await code(fs.writeFile("/home/big/g", `${almost}0123456789A`))).toBe("EFBIG");
    expect((await fs.stat("/home/big/f"))?.size).toBe((1 << 20) - 10);
    expect(await fs.stat("/home/big/g")).toBeUndefined();
  });

  it("refuses with ENOSPC past the total size, counting a replaced file's old size as freed", async () => {
    const fs = await freshHome("/home/full", { fileBytes: 1000, totalBytes: 2500, entries: 100 });
    await fs.writeFile("/home/full/a", "a".repeat(1000));
    await fs.writeFile("/home/full/b", "b".repeat(1000));
    expect(await code(fs.writeFile("/home/full/c", "c".repeat(501)))).toBe("ENOSPC");
    await fs.writeFile("/home/full/c", "c".repeat(500));
    await fs.writeFile("/home/full/a", "A".repeat(1000));
    expect(await code(fs.writeFile("/home/full/c", "!", { append: true }))).toBe("ENOSPC");
    await fs.remove("/home/full/b");
    expect(await code(fs.writeFile("/home/full/c", "!", { append: true }))).toBe("ok");
  });

  it("refuses with ENOSPC past the entry count, for files and for directories", async () => {
    const fs = await freshHome("/home/many", { fileBytes: 1000, totalBytes: 100_000, entries: 5 });
    for (const name of ["1", "2", "3"]) await fs.writeFile(`/home/many/${name}`, name);
    expect(await code(fs.mkdir("/home/many/d/e", { parents: true }))).toBe("ENOSPC");
    await fs.mkdir("/home/many/d");
    expect(await code(fs.writeFile("/home/many/4", "4"))).toBe("ENOSPC");
    // Replacing a file adds no entry.
    expect(await code(fs.writeFile("/home/many/3", "three"))).toBe("ok");
    expect(await fs.usage()).toEqual({ bytes: 7, entries: 5 });
  });

  it("holds under concurrent writes from two tabs", async () => {
    const fs = await freshHome("/home/race", { fileBytes: 1000, totalBytes: 100_000, entries: 11 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => code(fs.writeFile(`/home/race/f${i}`, "x"))));
    expect(results.filter((r) => r === "ok")).toHaveLength(10);
    expect(results.filter((r) => r === "ENOSPC")).toHaveLength(10);
    expect((await fs.usage()).entries).toBe(11);
  });
});
