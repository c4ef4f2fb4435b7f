/**
 * Commands over many objects (apply, create -f, delete) go on after one fails and report every failure at the
 * end, one line each, exiting 1 — as kubectl's aggregate errors print.
 */
import type { CommandContext } from "../command";
import { KubeApiError } from "../client/kube-api-error";
import { CommandError, ExitCode } from "../errors";

export class ErrorCollector {
  private readonly lines: string[] = [];

  add(error: unknown, context?: string): void {
    if (error instanceof KubeApiError) {
      const reason = error.reason ? ` (${error.reason})` : "";
      this.lines.push(`Error from server${reason}: ${context ? `${context}: ` : ""}${error.message}`);
    } else if (error instanceof CommandError) {
      this.lines.push(`error: ${error.message}`);
    } else if (error instanceof Error) {
      this.lines.push(`error: ${error.message}`);
    } else {
      throw error;
    }
  }

  get empty(): boolean {
    return this.lines.length === 0;
  }

  /** Prints what was collected and ends the command with exit 1, or returns 0. */
  finish(ctx: CommandContext): number {
    if (this.lines.length === 0) return 0;
    ctx.err(this.lines.map((line) => `${line}\n`).join(""));
    throw new ExitCode(1);
  }
}
