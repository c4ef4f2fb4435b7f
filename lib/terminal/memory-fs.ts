import { basename, dirname, normalizePath } from "./paths";
import { FsError, type FsEntry, type FsStat, type VirtualFs } from "./virtual-fs";

type Node = { kind: "dir"; modified: Date } | { kind: "file"; content: string; size: number; modified: Date };

export type MemoryFsOptions = {
  /** Per-file limit in bytes (UTF-8); larger writes fail with EFBIG. */
  maxFileBytes?: number;
  /** Limit on all files together; writes beyond it fail with ENOSPC. */
  maxTotalBytes?: number;
  now?: () => Date;
};

export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/** UTF-8 length without allocating an encoded copy. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** A VirtualFs held in a Map: for tests, and as a fallback when no persistent store is configured. */
export class MemoryFs implements VirtualFs {
  private readonly nodes = new Map<string, Node>();
  private readonly maxFileBytes: number;
  private readonly maxTotalBytes: number;
  private readonly now: () => Date;
  private totalBytes = 0;

  constructor(options: MemoryFsOptions = {}) {
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.maxTotalBytes = options.maxTotalBytes ?? 64 * 1024 * 1024;
    this.now = options.now ?? (() => new Date(0));
    this.nodes.set("/", { kind: "dir", modified: this.now() });
  }

  stat(path: string): Promise<FsStat | undefined> {
    const node = this.nodes.get(normalizePath(path));
    return Promise.resolve(node && toStat(node));
  }

  readFile(path: string): Promise<string> {
    const p = normalizePath(path);
    const node = this.nodes.get(p);
    if (!node) return Promise.reject(new FsError("ENOENT", p));
    if (node.kind === "dir") return Promise.reject(new FsError("EISDIR", p));
    return Promise.resolve(node.content);
  }

  writeFile(path: string, content: string, options: { append?: boolean } = {}): Promise<void> {
    try {
      const p = normalizePath(path);
      this.parentDir(p);
      const existing = this.nodes.get(p);
      if (existing?.kind === "dir") throw new FsError("EISDIR", p);
      const addedBytes = utf8Length(content);
      const oldSize = existing?.size ?? 0;
      const size = options.append ? oldSize + addedBytes : addedBytes;
      if (size > this.maxFileBytes) throw new FsError("EFBIG", p);
      if (this.totalBytes - oldSize + size > this.maxTotalBytes) throw new FsError("ENOSPC", p);
      const text = options.append && existing ? existing.content + content : content;
      this.totalBytes += size - oldSize;
      this.nodes.set(p, { kind: "file", content: text, size, modified: this.now() });
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(asError(error));
    }
  }

  list(path: string): Promise<FsEntry[]> {
    const p = normalizePath(path);
    const node = this.nodes.get(p);
    if (!node) return Promise.reject(new FsError("ENOENT", p));
    if (node.kind !== "dir") return Promise.reject(new FsError("ENOTDIR", p));
    const entries: FsEntry[] = [];
    for (const child of this.children(p)) entries.push({ name: basename(child), ...toStat(this.nodes.get(child)!) });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return Promise.resolve(entries);
  }

  mkdir(path: string, options: { parents?: boolean } = {}): Promise<void> {
    try {
      const p = normalizePath(path);
      const existing = this.nodes.get(p);
      if (existing) {
        if (existing.kind === "dir" && options.parents) return Promise.resolve();
        throw new FsError("EEXIST", p);
      }
      if (options.parents) {
        let current = "";
        for (const part of p.split("/").filter(Boolean)) {
          current += "/" + part;
          const node = this.nodes.get(current);
          if (node?.kind === "file") throw new FsError("ENOTDIR", current);
          if (!node) this.nodes.set(current, { kind: "dir", modified: this.now() });
        }
        return Promise.resolve();
      }
      this.parentDir(p);
      this.nodes.set(p, { kind: "dir", modified: this.now() });
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(asError(error));
    }
  }

  remove(path: string, options: { recursive?: boolean } = {}): Promise<void> {
    const p = normalizePath(path);
    const node = this.nodes.get(p);
    if (!node || p === "/") return Promise.reject(new FsError(p === "/" ? "EACCES" : "ENOENT", p));
    if (node.kind === "dir") {
      const inside = this.descendants(p);
      if (inside.length > 0 && !options.recursive) return Promise.reject(new FsError("ENOTEMPTY", p));
      for (const child of inside) this.drop(child);
    }
    this.drop(p);
    return Promise.resolve();
  }

  rename(from: string, to: string): Promise<void> {
    try {
      const source = normalizePath(from);
      const target = normalizePath(to);
      const node = this.nodes.get(source);
      if (!node) throw new FsError("ENOENT", source);
      if (source === target) return Promise.resolve();
      if (target.startsWith(source + "/")) throw new FsError("EINVAL", target);
      this.parentDir(target);
      const existing = this.nodes.get(target);
      if (existing?.kind === "dir") throw new FsError(node.kind === "dir" && this.children(target).length === 0 ? "EEXIST" : "EISDIR", target);
      if (existing && node.kind === "dir") throw new FsError("ENOTDIR", target);
      if (existing) this.drop(target);
      const moved = [source, ...this.descendants(source)];
      for (const old of moved) {
        const moving = this.nodes.get(old)!;
        this.nodes.delete(old);
        this.nodes.set(target + old.slice(source.length), moving);
      }
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(asError(error));
    }
  }

  private parentDir(path: string): void {
    const parent = this.nodes.get(dirname(path));
    if (!parent) throw new FsError("ENOENT", path);
    if (parent.kind !== "dir") throw new FsError("ENOTDIR", path);
  }

  private children(dir: string): string[] {
    const prefix = dir === "/" ? "/" : dir + "/";
    return [...this.nodes.keys()].filter((key) => key !== "/" && key.startsWith(prefix) && !key.slice(prefix.length).includes("/"));
  }

  private descendants(dir: string): string[] {
    const prefix = dir === "/" ? "/" : dir + "/";
    return [...this.nodes.keys()].filter((key) => key !== dir && key.startsWith(prefix));
  }

  private drop(path: string): void {
    const node = this.nodes.get(path);
    if (node?.kind === "file") this.totalBytes -= node.size;
    this.nodes.delete(path);
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function toStat(node: Node): FsStat {
  return { kind: node.kind, size: node.kind === "file" ? node.size : 4096, modified: node.modified };
}
