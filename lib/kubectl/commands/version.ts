import { flag, type Command } from "../command";
import { CommandError } from "../errors";
import { toYaml } from "../printers/yaml";

const KUSTOMIZE = "v5.7.1";

export const versionCommand: Command = {
  name: "version",
  short: "Print the client and server version information",
  usage: "kubectl version [flags] [options]",
  flags: [flag("client", undefined, "bool", "If true, shows client version only (no server required)."), flag("output", "o", "string", "One of 'yaml' or 'json'.")],
  async run(ctx) {
    const output = ctx.flags.string("output");
    if (output !== "" && output !== "json" && output !== "yaml") throw new CommandError("--output must be 'yaml' or 'json'");
    const { major, minor, gitVersion } = ctx.deps.clientVersion;
    // Field order is the Go struct's (version.Info), which -o json keeps.
    const clientVersion = { major, minor, gitVersion, gitCommit: "", gitTreeState: "clean", buildDate: "", goVersion: "", compiler: "gc", platform: "linux/amd64" };
    let serverVersion: Record<string, unknown> | undefined;
    let serverError: unknown;
    if (!ctx.flags.bool("client")) {
      try {
        serverVersion = await ctx.client.get("/version");
      } catch (error) {
        serverError = error;
      }
    }
    const info = { clientVersion, kustomizeVersion: KUSTOMIZE, ...(serverVersion ? { serverVersion } : {}) };
    if (output === "json") ctx.out(`${JSON.stringify(info, null, 2)}\n`);
    else if (output === "yaml") ctx.out(`${toYaml(info)}\n`);
    else {
      ctx.out(`Client Version: ${gitVersion}\nKustomize Version: ${KUSTOMIZE}\n`);
      if (serverVersion) ctx.out(`Server Version: ${String(serverVersion.gitVersion)}\n`);
    }
    if (serverError !== undefined) throw serverError as Error;
    return 0;
  },
};
