import { FsError, type FsEntry, type FsStat, type VirtualFs } from "../../terminal/virtual-fs";

/** A small in-memory VirtualFs for kubectl's tests (kubeconfig files, manifests). */
export class MemoryFs implements VirtualFs {
  private readonly files = new Map<string, string>();
  private readonly dirs = new Set<string>(["/"]);
  private readonly modified = new Date("2026-01-01T00:00:00Z");

  constructor(files: Record<string, string> = {}) {
    for (const [path, content] of Object.entries(files)) {
      this.mkdirs(parent(path));
      this.files.set(path, content);
    }
  }

  stat(path: string): Promise<FsStat | undefined> {
    if (this.dirs.has(path)) return Promise.resolve({ kind: "dir", size: 0, modified: this.modified });
    const file = this.files.get(path);
    return Promise.resolve(file === undefined ? undefined : { kind: "file", size: file.length, modified: this.modified });
  }

  readFile(path: string): Promise<string> {
    if (this.dirs.has(path)) return Promise.reject(new FsError("EISDIR", path));
    const file = this.files.get(path);
    return file === undefined ? Promise.reject(new FsError("ENOENT", path)) : Promise.resolve(file);
  }

  writeFile(path: string, content: string, options: { append?: boolean } = {}): Promise<void> {
    if (!this.dirs.has(parent(path))) return Promise.reject(new FsError("ENOENT", path));
    this.files.set(path, (options.append ? (this.files.get(path) ?? "") : "") + content);
    return Promise.resolve();
  }

  list(path: string): Promise<FsEntry[]> {
    if (!this.dirs.has(path)) return Promise.reject(new FsError("ENOENT", path));
    const prefix = path === "/" ? "/" : `${path}/`;
    const names = [...this.files.keys(), ...this.dirs].filter((p) => p !== path && p.startsWith(prefix) && !p.slice(prefix.length).includes("/"));
    return Promise.all(names.sort().map(async (p) => ({ name: p.slice(prefix.length), ...((await this.stat(p)) as FsStat) })));
  }

  mkdir(path: string, options: { parents?: boolean } = {}): Promise<void> {
    if (this.dirs.has(path) && !options.parents) return Promise.reject(new FsError("EEXIST", path));
    this.mkdirs(path);
    return Promise.resolve();
  }

  remove(path: string): Promise<void> {
    this.files.delete(path);
    this.dirs.delete(path);
    return Promise.resolve();
  }

  async rename(from: string, to: string): Promise<void> {
    const content = await this.readFile(from);
    this.files.delete(from);
    this.files.set(to, content);
  }

  private mkdirs(path: string): void {
    for (let p = path; p !== "/" && p !== ""; p = parent(p)) this.dirs.add(p);
  }
}

const parent = (path: string) => path.slice(0, path.lastIndexOf("/")) || "/";
