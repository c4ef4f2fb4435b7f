import type { Command } from "../command";
import { currentContextCommand, deleteContextCommand, getContextsCommand, renameContextCommand, setContextCommand, useContextCommand } from "./config/config-contexts";
import { getClustersCommand, getUsersCommand } from "./config/config-entries";
import { configViewCommand } from "./config/config-view";

export const configCommand: Command = {
  name: "config",
  short: 'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context"',
  usage: "kubectl config SUBCOMMAND [options]",
  subcommands: [
    currentContextCommand,
    deleteContextCommand,
    getClustersCommand,
    getContextsCommand,
    getUsersCommand,
    renameContextCommand,
    setContextCommand,
    useContextCommand,
    configViewCommand,
  ],
};
