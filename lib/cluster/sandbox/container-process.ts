import type { ImageInfo } from "./image-catalog";

/** How a container's main process behaves once started: keeps running, or exits after a while with a code. */
export type ProcessBehaviour = { kind: "runs" } | { kind: "exits"; afterMs: number; exitCode: number };

const forever = /\bsleep\s+infinity\b|\btail\s+-f\b|\bwhile\s+(true|:)\b|\bfor\s*\(\(\s*;\s*;\s*\)\)|\bsleep\s+\d{6,}\b/;
const servers = /^(nginx|httpd|httpd-foreground|apache2|redis-server|postgres|mysqld|mongod|node|python3?|java|caddy|traefik|\/pause|\/docker-entrypoint\.sh|docker-entrypoint\.sh)$/;

/**
 * Reads what a container would do from its image and its command/args, the way a learner reasons about it:
 * `sleep 3600` runs an hour, `sh -c "echo hi"` exits at once, busybox with no command exits (no terminal), an
 * `exit 1` fails. Good enough for the book's examples and fault drills, not a shell.
 */
export function processBehaviour(image: ImageInfo, command: string[] | undefined, args: string[] | undefined): ProcessBehaviour {
  const argv = command && command.length > 0 ? [...command, ...(args ?? [])] : args && args.length > 0 ? [...image.entrypoint.slice(0, 1), ...args] : image.entrypoint;
  const text = argv.join(" ");
  if (forever.test(text)) return { kind: "runs" };
  const exit = /\bexit\s+(\d+)/.exec(text);
  const exitCode = exit ? Number(exit[1]) : 0;
  let sleepMs = 0;
  for (const match of text.matchAll(/\bsleep\s+(\d+(?:\.\d+)?)([smh]?)\b/g)) {
    const unit = match[2] === "m" ? 60_000 : match[2] === "h" ? 3_600_000 : 1_000;
    sleepMs += Number(match[1]) * unit;
  }
  if (sleepMs > 0 || exit) return { kind: "exits", afterMs: sleepMs, exitCode };
  const program = (argv[0] ?? "").split("/").pop() ?? "";
  if (image.serves && (command === undefined || command.length === 0 || servers.test(argv[0] ?? "") || servers.test(program))) return { kind: "runs" };
  return { kind: "exits", afterMs: 0, exitCode: /^(false)$/.test(program) ? 1 : 0 };
}

/** Whether the container runs the image's own server (so it listens on the image's ports), not a command instead. */
export function runsImageServer(image: ImageInfo, command: string[] | undefined, args: string[] | undefined): boolean {
  if (!image.serves) return false;
  if (!command || command.length === 0) return args === undefined || args.length === 0 || !forever.test(args.join(" "));
  const program = command[0] ?? "";
  return servers.test(program) || servers.test(program.split("/").pop() ?? "");
}
