import { flag, type Command } from "../../command";
import { CommandError } from "../../errors";
import { minifyKubeconfig, redactKubeconfig, serializableKubeconfig } from "../../kubeconfig/normalize-kubeconfig";
import { compileJsonPath, executeJsonPath } from "../../printers/jsonpath";
import { toJson } from "../../printers/json";
import { toYaml } from "../../printers/yaml";

export const configViewCommand: Command = {
  name: "view",
  short: "Display merged kubeconfig settings or a specified kubeconfig file",
  usage: "kubectl config view [flags] [options]",
  flags: [
    flag("minify", undefined, "bool", "Remove all information not used by current-context from the output"),
    flag("raw", undefined, "bool", "Display raw byte data and sensitive data"),
    flag("flatten", undefined, "bool", "Flatten the resulting kubeconfig file into self-contained output"),
    flag("merge", undefined, "bool", "Merge the full hierarchy of kubeconfig files", true),
    flag("output", "o", "string", "Output format. One of: (json, yaml, jsonpath=…).", "yaml"),
  ],
  run(ctx) {
    let config = ctx.kubeconfig;
    if (ctx.flags.bool("minify")) {
      const name = ctx.flags.string("context") || config["current-context"] || "";
      if (!name) throw new CommandError("current-context must exist in order to minify");
      config = minifyKubeconfig(config, name);
    }
    if (!ctx.flags.bool("raw")) config = redactKubeconfig(config);
    const data = serializableKubeconfig(config);
    const output = ctx.flags.string("output");
    if (output === "yaml" || output === "") ctx.out(toYaml(data));
    else if (output === "json") ctx.out(toJson(data));
    else if (output.startsWith("jsonpath=")) ctx.out(executeJsonPath(compileJsonPath(output.slice(9)), data));
    else throw new CommandError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,yaml`);
    return 0;
  },
};
