/** Path arithmetic for the virtual file system: absolute, "/"-separated, no symlinks. */

/** Normalises an absolute path: collapses "//", resolves "." and "..", drops a trailing "/". */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return "/" + out.join("/");
}

/** Resolves a path as typed (relative, absolute, `~`-prefixed) against the working directory and home. */
export function resolvePath(cwd: string, path: string, home?: string): string {
  if (home !== undefined && (path === "~" || path.startsWith("~/"))) return normalizePath(home + path.slice(1));
  if (path.startsWith("/")) return normalizePath(path);
  return normalizePath(cwd + "/" + path);
}

export function dirname(path: string): string {
  const normal = normalizePath(path);
  const cut = normal.lastIndexOf("/");
  return cut <= 0 ? "/" : normal.slice(0, cut);
}

export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed === "") return path === "" ? "" : "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** `~/dir` for paths under home, as the prompt shows them. */
export function tildePath(path: string, home: string): string {
  if (path === home) return "~";
  if (home !== "/" && path.startsWith(home + "/")) return "~" + path.slice(home.length);
  return path;
}
