import type { Path } from "./path-element";

/**
 * A set of field paths: what one manager owns, or what a write added, changed or removed. A path names a leaf
 * field, or a list item or map entry (or, for updates, a map or list) that is itself owned. Immutable.
 */
export class FieldSet {
  private readonly byKey: ReadonlyMap<string, Path>;

  constructor(paths: Iterable<Path> = []) {
    const map = new Map<string, Path>();
    for (const path of paths) map.set(pathKey(path), path);
    this.byKey = map;
  }

  private static of(entries: Iterable<[string, Path]>): FieldSet {
    const set = new FieldSet();
    (set as unknown as { byKey: Map<string, Path> }).byKey = new Map(entries);
    return set;
  }

  get size(): number {
    return this.byKey.size;
  }

  isEmpty(): boolean {
    return this.byKey.size === 0;
  }

  has(path: Path): boolean {
    return this.byKey.has(pathKey(path));
  }

  paths(): Path[] {
    return [...this.byKey.values()];
  }

  union(other: FieldSet): FieldSet {
    if (other.isEmpty()) return this;
    if (this.isEmpty()) return other;
    return FieldSet.of([...this.byKey, ...other.byKey]);
  }

  difference(other: FieldSet): FieldSet {
    if (other.isEmpty() || this.isEmpty()) return this;
    return this.filter((key) => !other.byKey.has(key));
  }

  intersection(other: FieldSet): FieldSet {
    if (other.isEmpty()) return other;
    return this.filter((key) => other.byKey.has(key));
  }

  /** Without the paths at or under any of `prefixes` (fields nobody owns, e.g. metadata.uid, or status). */
  withoutSubtrees(prefixes: readonly Path[]): FieldSet {
    return this.filter((_, p) => !prefixes.some((prefix) => startsWith(p, prefix)));
  }

  /** Only the paths at or under `prefix`. */
  onlySubtree(prefix: Path): FieldSet {
    return this.filter((_, p) => startsWith(p, prefix));
  }

  equals(other: FieldSet): boolean {
    return this.size === other.size && [...this.byKey.keys()].every((key) => other.byKey.has(key));
  }

  private filter(keep: (key: string, path: Path) => boolean): FieldSet {
    const kept = [...this.byKey].filter(([key, path]) => keep(key, path));
    return kept.length === this.byKey.size ? this : FieldSet.of(kept);
  }
}

export function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((element, i) => path[i] === element);
}

/** NUL never occurs in a stored key or value (bodies with it are refused), so it can join path elements. */
function pathKey(path: Path): string {
  return path.join("\u0000");
}
