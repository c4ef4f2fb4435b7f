import { formatColumns } from "../format-columns";
import type { ProgramContext } from "../program";
import type { FsEntry } from "../virtual-fs";
import { parseOptions, pathOf, usageError } from "./util";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** ls [-l] [-a|-A] [-1] [-h] [-R-free]: columns on a terminal, one per line into a pipe, long format like GNU ls. */
export async function ls(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions("ls", ctx.argv.slice(1), { booleans: "laA1hdF", long: { all: "a", "almost-all": "A", "human-readable": "h", color: "color", directory: "d" } });
  if ("error" in parsed) return usageError(ctx, parsed.error, 2);
  const { flags } = parsed;
  const names = parsed.operands.length > 0 ? parsed.operands : ["."];
  const color = ctx.tty !== undefined;
  const user = ctx.env.get("USER") ?? "user";
  let status = 0;
  const files: FsEntry[] = [];
  const dirs: { name: string; entries: FsEntry[] }[] = [];
  for (const name of names) {
    const path = pathOf(ctx, name);
    const stat = await ctx.fs.stat(path);
    if (!stat) {
      ctx.stderr.write(`ls: cannot access '${name}': No such file or directory\n`);
      status = 2;
    } else if (stat.kind === "file" || flags.has("d")) files.push({ ...stat, name });
    else {
      let entries = await ctx.fs.list(path);
      if (flags.has("a")) entries = [{ kind: "dir", size: 4096, modified: stat.modified, name: "." }, { kind: "dir", size: 4096, modified: stat.modified, name: ".." }, ...entries];
      else if (!flags.has("A")) entries = entries.filter((e) => !e.name.startsWith("."));
      dirs.push({ name, entries });
    }
  }
  const now = ctx.now();
  const render = (entries: FsEntry[]): string => {
    if (entries.length === 0) return "";
    const shown = (e: FsEntry) => (color && e.kind === "dir" ? `\x1b[01;34m${e.name}\x1b[0m` : e.name) + (flags.has("F") && e.kind === "dir" ? "/" : "");
    if (flags.has("l")) {
      const sizes = entries.map((e) => (flags.has("h") ? human(e.size) : String(e.size)));
      const width = Math.max(...sizes.map((s) => s.length));
      return entries
        .map((e, i) => `${e.kind === "dir" ? "drwxr-xr-x 2" : "-rw-r--r-- 1"} ${user} ${user} ${sizes[i]!.padStart(width)} ${stamp(e.modified, now)} ${shown(e)}\n`)
        .join("");
    }
    if (flags.has("1") || !ctx.tty) return entries.map((e) => shown(e) + "\n").join("");
    return formatColumns(entries.map((e) => e.name), ctx.tty.columns, (_name, i) => shown(entries[i]!));
  };
  let out = render(files);
  dirs.forEach((dir, index) => {
    if (names.length > 1) out += `${out !== "" || index > 0 ? "\n" : ""}${dir.name}:\n`;
    if (flags.has("l")) out += `total ${dir.entries.reduce((sum, e) => sum + Math.ceil(e.size / 4096) * 4, 0)}\n`;
    out += render(dir.entries);
  });
  ctx.stdout.write(out);
  return status;
}

function stamp(date: Date, now: Date): string {
  const month = MONTHS[date.getUTCMonth()]!;
  const day = String(date.getUTCDate()).padStart(2);
  const recent = Math.abs(now.getTime() - date.getTime()) < 182 * 86_400_000;
  const tail = recent ? `${String(date.getUTCHours()).padStart(2, "0")}:${String(date.getUTCMinutes()).padStart(2, "0")}` : ` ${date.getUTCFullYear()}`;
  return `${month} ${day} ${tail}`;
}

function human(size: number): string {
  if (size < 1024) return String(size);
  const units = ["K", "M", "G"];
  let value = size;
  let unit = "";
  for (const u of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = u;
  }
  return (value < 10 ? (Math.ceil(value * 10) / 10).toFixed(1) : String(Math.ceil(value))) + unit;
}
