import type { ProgramContext } from "../program";
import type { Shell } from "../shell";
import { sleepFor } from "../shell-io";
import { TextSink } from "../streams";
import { textInput } from "../program";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `Thu Nov 26 11:29:14 2026`, as ctime(3) prints (in UTC: the simulated cluster's clock). */
export function ctime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2)} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} ${date.getUTCFullYear()}`;
}

/** The screen one round of watch shows: procps' header line, a blank line, the output clipped to the terminal. */
export function watchScreen(options: { interval: number; command: string; output: string; now: Date; columns: number; rows: number; title: boolean }): string {
  const { columns, rows } = options;
  const body = options.output.split("\n").map((line) => line.replace(/\t/g, "        ").slice(0, columns));
  let screen = "\x1b[H\x1b[2J";
  if (options.title) {
    const left = `Every ${options.interval.toFixed(1)}s: ${options.command}`;
    const right = `kubeclass: ${ctime(options.now)}`;
    const gap = columns - left.length - right.length;
    screen += (gap >= 1 ? left + " ".repeat(gap) + right : left.slice(0, columns)) + "\n\n";
  }
  screen += body.slice(0, Math.max(0, rows - (options.title ? 2 : 0))).join("\n");
  return screen;
}

/** watch [-n SECONDS] [-t] COMMAND…: reruns the command and redraws the whole screen until Ctrl-C. */
export async function runWatch(ctx: ProgramContext, shell: Shell): Promise<number> {
  const args = ctx.argv.slice(1);
  let interval = 2;
  let title = true;
  while (args[0]?.startsWith("-")) {
    const flag = args.shift()!;
    if (flag === "-t" || flag === "--no-title") title = false;
    else if (flag === "-n" || flag === "--interval" || /^-n\d/.test(flag)) {
      const value = flag.length > 2 && !flag.startsWith("--") ? flag.slice(2) : args.shift();
      interval = Number(value);
      if (!Number.isFinite(interval) || value === undefined) {
        ctx.stderr.write(`watch: failed to parse argument: '${value ?? ""}'\n`);
        return 1;
      }
      interval = Math.max(0.1, interval);
    } else if (flag === "--") break;
    else {
      ctx.stderr.write(`watch: invalid option -- '${flag.replace(/^-+/, "")}'\n`);
      return 1;
    }
  }
  if (args.length === 0) {
    ctx.stderr.write("Usage:\n watch [options] command\n");
    return 1;
  }
  const command = args.join(" ");
  ctx.stdout.write("\x1b[?1049h");
  try {
    do {
      const out = new TextSink(256 * 1024);
      await shell.subshell().run(command, { stdin: textInput(""), stdout: out, stderr: out, signal: ctx.signal });
      if (ctx.signal.aborted) break;
      ctx.stdout.write(watchScreen({ interval, command, output: out.text, now: ctx.now(), columns: ctx.tty?.columns ?? 80, rows: ctx.tty?.rows ?? 24, title }));
    } while (await sleepFor(interval * 1000, ctx.signal));
  } finally {
    ctx.stdout.write("\x1b[?1049l");
  }
  return 130;
}
