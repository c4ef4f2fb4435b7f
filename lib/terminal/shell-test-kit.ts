import { MemoryFs } from "./memory-fs";
import { textInput, type Program } from "./program";
import { Shell } from "./shell";
import { TextSink } from "./streams";

/** A shell over a memory fs whose home is /home/jane, for tests of the interpreter and coreutils. */
export async function testShell(programs: Record<string, Program> = {}): Promise<Shell> {
  const fs = new MemoryFs({ now: () => new Date("2026-11-26T11:29:14Z") });
  await fs.mkdir("/home/jane", { parents: true });
  return new Shell({ fs, home: "/home/jane", userName: "jane", programs, now: () => new Date("2026-11-26T11:29:14Z") });
}

/** Runs one command line; returns what it printed and its status. */
export async function runLine(shell: Shell, line: string, stdin = ""): Promise<{ out: string; err: string; status: number }> {
  const out = new TextSink();
  const err = new TextSink();
  const status = await shell.run(line, { stdin: textInput(stdin), stdout: out, stderr: err, signal: new AbortController().signal });
  return { out: out.text, err: err.text, status };
}
