import type { InputStream, OutputStream, Tty } from "./program";
import { FsError } from "./virtual-fs";

/** Where a command's streams go; `tty` only when stdout is the terminal itself. */
export type ShellIo = {
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
  tty?: Tty;
  signal: AbortSignal;
};

/** The message of an error a program let escape, as one line. */
export function describeError(error: unknown): string {
  if (error instanceof FsError) return `${error.path}: ${error.message}`;
  if (error instanceof Error) return error.message.split("\n")[0] ?? "error";
  return String(error).split("\n")[0] ?? "error";
}

/** Resolves after `ms`, or early (false) when the signal aborts. */
export function sleepFor(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
