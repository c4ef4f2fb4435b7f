import type { Command } from "../command";
import { exposeCommand } from "./expose";
import { rolloutCommand } from "./rollout";
import { setCommand } from "./set";
import { replaceCommand } from "./replace";
import { autoscaleCommand } from "./autoscale";
import { runCommand } from "./run";
import { annotateCommand } from "./annotate";
import { labelCommand } from "./label";
import { patchCommand } from "./patch";
import { scaleCommand } from "./scale";
import { deleteCommand } from "./delete";
import { createCommand } from "./create";
import { applyCommand } from "./apply";
import { apiResourcesCommand } from "./api-resources";
import { apiVersionsCommand } from "./api-versions";
import { authCommand } from "./auth";
import { clusterInfoCommand } from "./cluster-info";
import { configCommand } from "./config";
import { getCommand } from "./get";
import { editCommand } from "./edit";
import { diffCommand } from "./diff";
import { topCommand } from "./top";
import { explainCommand } from "./explain";
import { waitCommand } from "./wait";
import { execCommand } from "./exec";
import { eventsCommand } from "./events";
import { logsCommand } from "./logs";
import { describeCommand } from "./describe";
import { versionCommand } from "./version";

/**
 * Every kubectl command, in `kubectl` help order. To add one: write commands/<name>.ts exporting a Command, then
 * add one import and one entry here (keep one command per line so concurrent additions merge cleanly).
 */
export const commands: Command[] = [
  getCommand,
  clusterInfoCommand,
  authCommand,
  apiResourcesCommand,
  apiVersionsCommand,
  configCommand,
  versionCommand,
  applyCommand,
  createCommand,
  deleteCommand,
  scaleCommand,
  rolloutCommand,
  setCommand,
  replaceCommand,
  autoscaleCommand,
  patchCommand,
  labelCommand,
  annotateCommand,
  describeCommand,
  logsCommand,
  execCommand,
  eventsCommand,
  runCommand,
  exposeCommand,
  waitCommand,
  explainCommand,
  topCommand,
  diffCommand,
  editCommand,
];
