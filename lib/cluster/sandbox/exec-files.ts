import type { Output } from "./exec-network";
import { resolvePath, type ShellState } from "./exec-commands";
import { containerOf, type ContainerView } from "./container-view";

// Directories of a container view: those its files imply, plus the usual root layout.
const systemDirectories = ["/bin", "/dev", "/etc", "/home", "/lib", "/proc", "/root", "/sbin", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/lib", "/usr/local", "/usr/sbin", "/usr/share", "/var", "/var/log", "/var/run"];

function entries(files: Map<string, string>): { dirs: Set<string>; plain: Map<string, string> } {
  const dirs = new Set<string>(["/", ...systemDirectories]);
  const plain = new Map<string, string>();
  for (const [path, content] of files) {
    const isDirMarker = path.endsWith("/");
    const clean = path.replace(/\/+$/, "");
    if (!isDirMarker) plain.set(clean, content);
    const parts = clean.split("/");
    for (let i = 1; i < parts.length - (isDirMarker ? 0 : 1); i++) dirs.add(parts.slice(0, i + 1).join("/"));
  }
  return { dirs, plain };
}

const longLine = (name: string, size: number, dir: boolean) => `${dir ? "drwxr-xr-x" : "-rw-r--r--"}    ${dir ? 2 : 1} root     root     ${String(size).padStart(9)} Jan  1 00:00 ${name}`;

/** `ls` with -l, -a (and -d, used by `cd` to test a directory). */
export function listDirectory(state: ShellState, flags: string, args: string[]): Output {
  const { dirs, plain } = entries(state.view.files);
  const targets = args.length > 0 ? args : ["."];
  let stdout = "";
  let stderr = "";
  for (const arg of targets) {
    const path = resolvePath(state.cwd, arg);
    if (plain.has(path)) {
      stdout += `${flags.includes("l") ? longLine(arg, Buffer.byteLength(plain.get(path)!), false) : arg}\n`;
      continue;
    }
    if (!dirs.has(path)) {
      stderr += `ls: ${arg}: No such file or directory\n`;
      continue;
    }
    if (flags.includes("d")) {
      stdout += `${arg}\n`;
      continue;
    }
    const prefix = path === "/" ? "/" : `${path}/`;
    const children = new Map<string, boolean>();
    for (const dir of dirs) if (dir.startsWith(prefix) && dir !== path && !dir.slice(prefix.length).includes("/")) children.set(dir.slice(prefix.length), true);
    for (const file of plain.keys()) if (file.startsWith(prefix) && !file.slice(prefix.length).includes("/")) children.set(file.slice(prefix.length), false);
    const names = [...(flags.includes("a") ? [[".", true], ["..", true]] as [string, boolean][] : []), ...[...children].sort(([a], [b]) => a.localeCompare(b))];
    if (targets.length > 1) stdout += `${arg}:\n`;
    if (flags.includes("l")) stdout += `total ${names.length * 4}\n${names.map(([n, d]) => `${longLine(n, d ? 4096 : Buffer.byteLength(plain.get(prefix + n) ?? ""), d)}\n`).join("")}`;
    else stdout += names.length > 0 ? `${names.map(([n]) => n).join("\n")}\n` : "";
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

type Mounted = { name: string; mountPath: string; readOnly?: boolean };

/**
 * Whether `path` is on a read-only mount: one marked readOnly, or a ConfigMap, Secret, downward API or projected
 * volume, which the kubelet always mounts read-only.
 */
export function onReadOnlyMount(view: ContainerView, path: string): boolean {
  const mounts = (containerOf(view.pod, view.container)?.volumeMounts ?? []) as Mounted[];
  const volumes = ((view.pod.spec ?? {}) as { volumes?: (Record<string, unknown> & { name: string })[] }).volumes ?? [];
  const mount = mounts
    .map((m) => ({ ...m, root: m.mountPath.replace(/\/+$/, "") }))
    .sort((a, b) => b.root.length - a.root.length)
    .find((m) => path === m.root || path.startsWith(`${m.root}/`));
  if (!mount) return false;
  const volume = volumes.find((v) => v.name === mount.name);
  return mount.readOnly === true || ["configMap", "secret", "downwardAPI", "projected"].some((kind) => volume?.[kind] !== undefined);
}
