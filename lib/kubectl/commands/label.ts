import { flag, type Command } from "../command";
import { dryRunFlag } from "../mutate/file-flags";
import { runMetadataCommand } from "../mutate/metadata-command";
import { outputFlag } from "../mutate/print-result";

export const metadataFlags = (what: string) => [
  flag("overwrite", undefined, "bool", `If true, allow ${what} to be overwritten, otherwise reject ${what} updates that overwrite existing ${what}.`, false),
  flag("all", undefined, "bool", "Select all resources, in the namespace of the specified resource types", false),
  flag("selector", "l", "string", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints."),
  flag("field-selector", undefined, "string", "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type."),
  flag("list", undefined, "bool", `If true, display the ${what} for a given resource.`, false),
  flag("field-manager", undefined, "string", "Name of the manager used to track field ownership."),
  dryRunFlag(),
  outputFlag(),
];

export const labelCommand: Command = {
  name: "label",
  short: "Update the labels on a resource",
  usage: "kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
  flags: metadataFlags("labels"),
  run: (ctx) => runMetadataCommand(ctx, "label"),
};
