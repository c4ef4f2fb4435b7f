import { textInput } from "@/lib/terminal/program";
import type { TerminalSession, TerminalSessionOptions } from "@/lib/terminal/terminal-session";

/**
 * A tiny shell for the server-side tests: echoes keys, runs `echo`, `cat <file in home>`, `history` and the given
 * programs (words split at spaces) on Enter,
 * and reports each line to history and onCommand as the real shell does. It lets the socket and persistence
 * layers be tested without depending on lib/terminal's shell.
 */
export function standInShell(options: TerminalSessionOptions): TerminalSession & { lastSize(): string } {
  const listeners = new Set<(data: string) => void>();
  const write = (data: string) => listeners.forEach((l) => l(data));
  const prompt = `${options.userName}@kubeclass:~$ `;
  let line = "";
  let size = `${options.columns}x${options.rows}`;
  let lines: string[] = [];
  let closed = false;
  void options.history.load().then((loaded) => {
    lines = loaded;
    write(`${prompt}`);
  });

  const run = async (command: string): Promise<[string, number]> => {
    const [name, ...args] = command.split(" ");
    if (name === "echo") return [args.join(" "), 0];
    if (name === "history") return [lines.join("\n"), 0];
    if (name === "cat") {
      try {
        return [await options.fs.readFile(`${options.home}/${args[0] ?? ""}`), 0];
      } catch (error) {
        return [`cat: ${args[0] ?? ""}: ${(error as Error).message}`, 1];
      }
    }
    const program = name ? options.programs[name] : undefined;
    if (program) {
      let out = "";
      const stream = { write: (text: string) => void (out += text) };
      const env = new Map([["HOME", options.home]]);
      const code = await program({ argv: [name ?? "", ...args], stdin: textInput(""), stdout: stream, stderr: stream, env, cwd: options.home, fs: options.fs, signal: new AbortController().signal, now: () => options.now() });
      return [out.replace(/\n$/, ""), code];
    }
    return [`${name ?? ""}: command not found`, 127];
  };

  return {
    input(data) {
      if (closed) return;
      for (const char of data) {
        if (char !== "\r") {
          line += char;
          write(char);
          continue;
        }
        const command = line;
        line = "";
        write("\r\n");
        lines.push(command);
        void options.history.append(command);
        options.onCommand?.({ line: command, phase: "start" });
        void run(command).then(([out, exitCode]) => {
          if (out) write(`${out.replace(/\n/g, "\r\n")}\r\n`);
          options.onCommand?.({ line: command, phase: "end", exitCode });
          write(prompt);
        });
      }
    },
    resize(columns, rows) {
      size = `${columns}x${rows}`;
    },
    onOutput(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      listeners.clear();
    },
    lastSize: () => size,
  };
}
