// A path in the learner's home, as a check names it (`.kube/config`, `./team.kubeconfig`): relative, without
// empty or `.` segments, and never climbing out. Every reader of home files goes through this one function.

/** The normalised relative path (`a/b`), or undefined when it is absolute, empty, or climbs out with `..`. */
export function normaliseHomePath(path: string): string | undefined {
  if (path.startsWith("/") || path.includes("\0")) return undefined;
  const segments = path.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.length === 0 || segments.includes("..")) return undefined;
  return segments.join("/");
}

/** How messages show a home file: `~/.kube/config`. */
export const homeFileLabel = (path: string): string => `~/${normaliseHomePath(path) ?? path}`;
