import type { Command } from "../command";
import { runMetadataCommand } from "../mutate/metadata-command";
import { metadataFlags } from "./label";

export const annotateCommand: Command = {
  name: "annotate",
  short: "Update the annotations on a resource",
  usage: "kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
  flags: metadataFlags("annotations"),
  run: (ctx) => runMetadataCommand(ctx, "annotation"),
};
