import type { Command } from "../command";
import { OutputError } from "../errors";
import { rolloutHelpText } from "./rollout-help";
import { rolloutHistoryCommand } from "./rollout-history";
import { rolloutPauseCommand, rolloutRestartCommand, rolloutResumeCommand } from "./rollout-pause";
import { rolloutStatusCommand } from "./rollout-status";
import { rolloutUndoCommand } from "./rollout-undo";

export const rolloutCommand: Command = {
  name: "rollout",
  short: "Manage the rollout of a resource",
  usage: "kubectl rollout SUBCOMMAND [options]",
  subcommands: [rolloutHistoryCommand, rolloutPauseCommand, rolloutRestartCommand, rolloutResumeCommand, rolloutStatusCommand, rolloutUndoCommand],
  // Real kubectl's rollout has its own Run: help on stdout, exit 1; a word that names no subcommand fails as cobra's do.
  run(ctx) {
    const [word] = ctx.args;
    if (word !== undefined) throw new OutputError(`error: unknown command "${word}"\nSee 'kubectl rollout -h' for help and examples`);
    ctx.out(rolloutHelpText);
    return 1;
  },
};
