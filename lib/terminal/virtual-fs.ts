/**
 * A user's files as the terminal's programs see them: their home directory, kept in Postgres between sessions
 * (lib/server/terminal/prisma-home-fs.ts), or in memory for tests (memory-fs.ts). Paths here are absolute and
 * normalised ("/home/jane/deploy.yml"); the shell resolves `~`, `.`, `..` and relative paths before calling.
 */
export interface VirtualFs {
  stat(path: string): Promise<FsStat | undefined>;
  /** Throws FsError ENOENT (absent) or EISDIR. */
  readFile(path: string): Promise<string>;
  /** Creates or replaces (or appends to) a file; its directory must exist (ENOENT) and be one (ENOTDIR). */
  writeFile(path: string, content: string, options?: { append?: boolean }): Promise<void>;
  /** The entries directly inside a directory, sorted by name. Throws ENOENT or ENOTDIR. */
  list(path: string): Promise<FsEntry[]>;
  /** Throws EEXIST unless `parents` (then existing directories are fine, as mkdir -p). */
  mkdir(path: string, options?: { parents?: boolean }): Promise<void>;
  /** A file, or a directory (ENOTEMPTY unless `recursive` or empty). */
  remove(path: string, options?: { recursive?: boolean }): Promise<void>;
  /** Moves a file or a whole directory; replaces a file at `to`. */
  rename(from: string, to: string): Promise<void>;
}

export type FsStat = { kind: "file" | "dir"; size: number; modified: Date };
export type FsEntry = FsStat & { name: string };

export type FsErrorCode = "ENOENT" | "EEXIST" | "ENOTDIR" | "EISDIR" | "ENOTEMPTY" | "EFBIG" | "ENOSPC" | "EACCES" | "EINVAL";

const messages: Record<FsErrorCode, string> = {
  ENOENT: "No such file or directory",
  EEXIST: "File exists",
  ENOTDIR: "Not a directory",
  EISDIR: "Is a directory",
  ENOTEMPTY: "Directory not empty",
  EFBIG: "File too large",
  ENOSPC: "No space left on device",
  EACCES: "Permission denied",
  EINVAL: "Invalid argument",
};

/** A file-system failure; `message` reads as coreutils print it after the program and path ("No such file or directory"). */
export class FsError extends Error {
  override name = "FsError";
  constructor(
    readonly code: FsErrorCode,
    readonly path: string,
  ) {
    super(messages[code]);
  }
}
