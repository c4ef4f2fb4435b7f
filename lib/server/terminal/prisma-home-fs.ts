import { FsError, type FsEntry, type FsStat, type VirtualFs } from "@/lib/terminal/virtual-fs";
import type { Prisma, PrismaClient } from "../db/generated/prisma/client";
import { isNormalisedPath, isWithin, parentPath } from "./home-path";

/** What one user may keep: a file at most 1 MiB, all files together 20 MiB in at most 2,000 entries. */
export const homeLimits = { fileBytes: 1 << 20, totalBytes: 20 << 20, entries: 2000 };
export type HomeLimits = typeof homeLimits;

type Tx = Prisma.TransactionClient;
type Row = { kind: "FILE" | "DIR"; size: number; updatedAt: Date };

const rootStat: FsStat = { kind: "dir", size: 0, modified: new Date(0) };
const toStat = (row: Row): FsStat => ({ kind: row.kind === "DIR" ? "dir" : "file", size: row.size, modified: row.updatedAt });

/**
 * A user's home directory in the HomeFile table: one row per file or directory, keyed by absolute path. Only the
 * home and what is below it are stored; `/` and the directories above the home are fixed and read-only, and the
 * rest of the file system is empty. Every change runs in a transaction holding a per-user advisory lock, so two
 * tabs writing at once cannot both slip under a quota or leave a file without its directory.
 */
export class PrismaHomeFs implements VirtualFs {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly userId: string,
    private readonly home: string,
    private readonly limits: HomeLimits = homeLimits,
  ) {}

  async stat(path: string): Promise<FsStat | undefined> {
    const p = this.normalised(path);
    if (this.aboveHome(p)) return rootStat;
    if (!isWithin(p, this.home)) return undefined;
    const row = await this.row(this.prisma, p);
    return row ? toStat(row) : undefined;
  }

  async readFile(path: string): Promise<string> {
    const p = this.normalised(path);
    if (this.aboveHome(p)) throw new FsError("EISDIR", p);
    if (!isWithin(p, this.home)) throw new FsError("ENOENT", p);
    const row = await this.prisma.homeFile.findUnique({ where: { userId_path: { userId: this.userId, path: p } }, select: { kind: true, content: true } });
    if (!row) throw new FsError("ENOENT", p);
    if (row.kind === "DIR") throw new FsError("EISDIR", p);
    return row.content;
  }

  async writeFile(path: string, content: string, options: { append?: boolean } = {}): Promise<void> {
    const p = this.writable(path, "EISDIR");
    await this.locked(async (tx) => {
      const existing = await tx.homeFile.findUnique({ where: { userId_path: { userId: this.userId, path: p } }, select: { kind: true, size: true, content: options.append === true } });
      if (existing?.kind === "DIR") throw new FsError("EISDIR", p);
      await this.requireDirectory(tx, parentPath(p), p);
      const next = options.append && existing ? existing.content + content : content;
      const size = Buffer.byteLength(next, "utf8");
      if (size > this.limits.fileBytes) throw new FsError("EFBIG", p);
      const usage = await this.usage(tx);
      if (usage.bytes - (existing?.size ?? 0) + size > this.limits.totalBytes) throw new FsError("ENOSPC", p);
      if (!existing && usage.entries + 1 > this.limits.entries) throw new FsError("ENOSPC", p);
      await tx.homeFile.upsert({
        where: { userId_path: { userId: this.userId, path: p } },
        create: { userId: this.userId, path: p, kind: "FILE", content: next, size },
        update: { content: next, size },
      });
    });
  }

  async list(path: string): Promise<FsEntry[]> {
    const p = this.normalised(path);
    if (this.aboveHome(p)) {
      // The one directory below: the next step towards the home, or the home itself once it exists.
      const child = this.home.slice(p === "/" ? 1 : p.length + 1).split("/")[0] ?? "";
      const childPath = p === "/" ? `/${child}` : `${p}/${child}`;
      const stat = childPath === this.home ? await this.stat(childPath) : rootStat;
      return stat ? [{ name: child, ...stat }] : [];
    }
    if (!isWithin(p, this.home)) throw new FsError("ENOENT", p);
    const dir = await this.row(this.prisma, p);
    if (!dir) throw new FsError("ENOENT", p);
    if (dir.kind !== "DIR") throw new FsError("ENOTDIR", p);
    const prefix = `${p}/`;
    const rows = await this.prisma.homeFile.findMany({
      where: { userId: this.userId, path: { startsWith: prefix } },
      select: { path: true, kind: true, size: true, updatedAt: true },
    });
    return rows
      .filter((row) => row.path.startsWith(prefix) && !row.path.slice(prefix.length).includes("/"))
      .map((row) => ({ name: row.path.slice(prefix.length), ...toStat(row) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async mkdir(path: string, options: { parents?: boolean } = {}): Promise<void> {
    const p = this.normalised(path);
    if (this.aboveHome(p)) {
      if (options.parents) return;
      throw new FsError("EEXIST", p);
    }
    if (!isWithin(p, this.home)) throw new FsError("EACCES", p);
    await this.locked(async (tx) => {
      // The home and every directory between it and `p`, outermost first.
      const chain = [this.home];
      for (const segment of p.slice(this.home.length + 1).split("/").filter(Boolean)) chain.push(`${chain.at(-1)}/${segment}`);
      const rows = await tx.homeFile.findMany({ where: { userId: this.userId, path: { in: chain } }, select: { path: true, kind: true } });
      const kinds = new Map(rows.map((row) => [row.path, row.kind]));
      if (kinds.has(p)) {
        if (options.parents && kinds.get(p) === "DIR") return;
        throw new FsError("EEXIST", p);
      }
      const missing: string[] = [];
      for (const dir of chain.slice(0, -1)) {
        const kind = kinds.get(dir);
        if (kind === "FILE") throw new FsError("ENOTDIR", p);
        if (!kind) {
          if (!options.parents) throw new FsError("ENOENT", p);
          missing.push(dir);
        }
      }
      missing.push(p);
      if ((await this.usage(tx)).entries + missing.length > this.limits.entries) throw new FsError("ENOSPC", p);
      await tx.homeFile.createMany({ data: missing.map((dir) => ({ userId: this.userId, path: dir, kind: "DIR" as const })) });
    });
  }

  async remove(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    const p = this.normalised(path);
    if (this.aboveHome(p)) throw new FsError("EACCES", p);
    if (!isWithin(p, this.home)) throw new FsError("ENOENT", p);
    await this.locked(async (tx) => {
      const row = await this.row(tx, p);
      if (!row) throw new FsError("ENOENT", p);
      const below = { userId: this.userId, path: { startsWith: `${p}/` } };
      if (row.kind === "DIR" && !options.recursive && (await tx.homeFile.count({ where: below })) > 0) throw new FsError("ENOTEMPTY", p);
      await tx.homeFile.deleteMany({ where: { OR: [{ userId: this.userId, path: p }, below] } });
    });
  }

  async rename(from: string, to: string): Promise<void> {
    const source = this.normalised(from);
    if (!isWithin(source, this.home)) throw new FsError(this.aboveHome(source) ? "EACCES" : "ENOENT", source);
    const target = this.writable(to, "EACCES");
    if (source === this.home) throw new FsError("EACCES", source);
    if (isWithin(target, source) && target !== source) throw new FsError("EINVAL", target);
    await this.locked(async (tx) => {
      const src = await this.row(tx, source);
      if (!src) throw new FsError("ENOENT", source);
      if (source === target) return;
      await this.requireDirectory(tx, parentPath(target), target);
      const dest = await this.row(tx, target);
      if (dest) {
        if (src.kind === "FILE" && dest.kind === "DIR") throw new FsError("EISDIR", target);
        if (src.kind === "DIR" && dest.kind === "FILE") throw new FsError("ENOTDIR", target);
        if (dest.kind === "DIR" && (await tx.homeFile.count({ where: { userId: this.userId, path: { startsWith: `${target}/` } } })) > 0) {
          throw new FsError("ENOTEMPTY", target);
        }
        await tx.homeFile.delete({ where: { userId_path: { userId: this.userId, path: target } } });
      }
      // The entry and everything below it move in one statement; modification times stay as they were.
      await tx.$executeRaw`UPDATE home_files SET path = ${target} || substr(path, char_length(${source}) + 1)
        WHERE user_id = ${this.userId} AND (path = ${source} OR starts_with(path, ${`${source}/`}))`;
    });
  }

  /** Bytes and entries in use (what `df` would show of the quota). */
  async usage(db: Tx | PrismaClient = this.prisma): Promise<{ bytes: number; entries: number }> {
    const total = await db.homeFile.aggregate({ where: { userId: this.userId }, _sum: { size: true }, _count: true });
    return { bytes: total._sum.size ?? 0, entries: total._count };
  }

  private normalised(path: string): string {
    if (!isNormalisedPath(path)) throw new FsError("EINVAL", path);
    return path;
  }

  /** `/` and `/home` when the home is /home/jane: they exist, hold only the way home, and cannot change. */
  private aboveHome(path: string): boolean {
    return path !== this.home && isWithin(this.home, path);
  }

  private writable(path: string, aboveHome: "EISDIR" | "EACCES"): string {
    const p = this.normalised(path);
    if (this.aboveHome(p)) throw new FsError(aboveHome, p);
    if (!isWithin(p, this.home) || p === this.home) throw new FsError(p === this.home ? "EISDIR" : "EACCES", p);
    return p;
  }

  private async requireDirectory(tx: Tx, dir: string, path: string): Promise<void> {
    const row = await this.row(tx, dir);
    if (!row) throw new FsError("ENOENT", path);
    if (row.kind !== "DIR") throw new FsError("ENOTDIR", path);
  }

  private row(db: Tx | PrismaClient, path: string): Promise<Row | null> {
    return db.homeFile.findUnique({ where: { userId_path: { userId: this.userId, path } }, select: { kind: true, size: true, updatedAt: true } });
  }

  private locked<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`home:${this.userId}`}))`;
        return work(tx);
      },
      // A whole class opening terminals at once queues for the pool's connections: wait for one (Prisma's
      // default gives up after 2 s) rather than fail the open.
      { maxWait: 15_000, timeout: 15_000 },
    );
  }
}
