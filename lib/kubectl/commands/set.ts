import type { Command } from "../command";
import { setEnvCommand } from "./set-env";
import { setImageCommand } from "./set-image";
import { setResourcesCommand } from "./set-resources";

export const setCommand: Command = {
  name: "set",
  short: "Set specific features on objects",
  usage: "kubectl set SUBCOMMAND [options]",
  subcommands: [setEnvCommand, setImageCommand, setResourcesCommand],
};
