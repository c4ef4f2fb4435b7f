import type { Command } from "../command";
import { canICommand } from "./auth/can-i";
import { whoamiCommand } from "./auth/whoami";

export const authCommand: Command = {
  name: "auth",
  short: "Inspect authorization",
  usage: "kubectl auth [flags] [options]",
  subcommands: [canICommand, whoamiCommand],
};
