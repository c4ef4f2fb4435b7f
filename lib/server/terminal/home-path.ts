/**
 * Where a user's files live in the terminal: /home/<name>, the name taken from their e-mail address the way a
 * Unix account name would be (lower case, letters, digits, '-', '_'). Two users may share a name: each one's
 * files are kept apart by user id, so the name is only what the prompt and `pwd` show.
 */
export function homeUserName(email: string): string {
  const local = (email.split("@")[0] ?? "").toLowerCase();
  const name = local
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 32);
  return /^[a-z_]/.test(name) ? name : `u${name}`.slice(0, 32);
}

export function homeDirectory(userName: string): string {
  return `/home/${userName}`;
}

/** An absolute path without empty, `.` or `..` segments and without a trailing slash (except `/`). */
export function isNormalisedPath(path: string): boolean {
  if (!path.startsWith("/") || path.length > 4096 || path.includes("\0")) return false;
  if (path === "/") return true;
  return path
    .slice(1)
    .split("/")
    .every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

export function parentPath(path: string): string {
  const at = path.lastIndexOf("/");
  return at <= 0 ? "/" : path.slice(0, at);
}

/** `path` is `dir` itself or somewhere below it. */
export function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir === "/" ? "/" : `${dir}/`);
}
