import type { Command } from "../command";
import { rolloutHistoryCommand } from "./rollout-history";
import { rolloutPauseCommand, rolloutRestartCommand, rolloutResumeCommand } from "./rollout-pause";
import { rolloutStatusCommand } from "./rollout-status";
import { rolloutUndoCommand } from "./rollout-undo";

export const rolloutCommand: Command = {
  name: "rollout",
  short: "Manage the rollout of a resource",
  usage: "kubectl rollout SUBCOMMAND [options]",
  subcommands: [rolloutHistoryCommand, rolloutPauseCommand, rolloutRestartCommand, rolloutResumeCommand, rolloutStatusCommand, rolloutUndoCommand],
};
