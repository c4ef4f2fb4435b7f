import { describe, expect, it } from "vitest";
import { MemoryFs } from "./memory-fs";
import { FsError } from "./virtual-fs";
import { basename, dirname, resolvePath, tildePath } from "./paths";

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof FsError ? error.code : String(error);
  }
}

describe("MemoryFs", () => {
  it("writes, appends, reads and lists files", async () => {
    const fs = new MemoryFs();
    await fs.mkdir("/home/jane", { parents: true });
    await fs.writeFile("/home/jane/b.txt", "one\n");
    await fs.writeFile("/home/jane/b.txt", "two\n", { append: true });
    await fs.writeFile("/home/jane/a.txt", "x");
    expect(await fs.readFile("/home/jane/b.txt")).toBe("one\ntwo\n");
    expect((await fs.list("/home/jane")).map((e) => e.name)).toEqual(["a.txt", "b.txt"]);
    expect((await fs.stat("/home/jane/b.txt"))?.size).toBe(8);
    expect((await fs.stat("/home/jane"))?.kind).toBe("dir");
  });

  it("fails like a real file system", async () => {
    const fs = new MemoryFs();
    expect(await code(fs.readFile("/nope"))).toBe("ENOENT");
    expect(await code(fs.writeFile("/no/dir/file", "x"))).toBe("ENOENT");
    await fs.writeFile("/f", "x");
    expect(await code(fs.writeFile("/f/g", "x"))).toBe("ENOTDIR");
    expect(await code(fs.list("/f"))).toBe("ENOTDIR");
    expect(await code(fs.mkdir("/f"))).toBe("EEXIST");
    await fs.mkdir("/d");
    expect(await code(fs.readFile("/d"))).toBe("EISDIR");
    await fs.writeFile("/d/x", "1");
    expect(await code(fs.remove("/d"))).toBe("ENOTEMPTY");
    await fs.remove("/d", { recursive: true });
    expect(await fs.stat("/d/x")).toBeUndefined();
  });

  it("limits file size with EFBIG and total size with ENOSPC", async () => {
    const fs = new MemoryFs({ maxFileBytes: 10, maxTotalBytes: 15 });
    expect(await code(fs.writeFile("/big", "x".repeat(11)))).toBe("EFBIG");
    await fs.writeFile("/a", "x".repeat(8));
    expect(await code(fs.writeFile("/a", "xxx", { append: true }))).toBe("EFBIG");
    expect(await code(fs.writeFile("/b", "x".repeat(8)))).toBe("ENOSPC");
    expect(await code(fs.writeFile("/u", "é".repeat(6)))).toBe("EFBIG");
    expect((await fs.stat("/a"))?.size).toBe(8);
  });

  it("renames files and whole directories", async () => {
    const fs = new MemoryFs();
    await fs.mkdir("/a/b", { parents: true });
    await fs.writeFile("/a/b/c", "c");
    await fs.rename("/a", "/z");
    expect(await fs.readFile("/z/b/c")).toBe("c");
    expect(await fs.stat("/a")).toBeUndefined();
    await fs.writeFile("/t", "old");
    await fs.writeFile("/s", "new");
    await fs.rename("/s", "/t");
    expect(await fs.readFile("/t")).toBe("new");
    expect(await code(fs.rename("/z", "/z/b/inner"))).toBe("EINVAL");
  });
});

describe("paths", () => {
  it("resolves relative, absolute and home paths", () => {
    expect(resolvePath("/home/jane", "../bob/./x/")).toBe("/home/bob/x");
    expect(resolvePath("/tmp", "~/k8s", "/home/jane")).toBe("/home/jane/k8s");
    expect(resolvePath("/tmp", "/etc//hosts")).toBe("/etc/hosts");
    expect(resolvePath("/", "..")).toBe("/");
    expect(dirname("/a/b")).toBe("/a");
    expect(dirname("/a")).toBe("/");
    expect(basename("/a/b/")).toBe("b");
    expect(tildePath("/home/jane/x", "/home/jane")).toBe("~/x");
    expect(tildePath("/home/janet", "/home/jane")).toBe("/home/janet");
  });
});
