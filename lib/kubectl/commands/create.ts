import { flag, type Command } from "../command";
import { CommandError, UsageError } from "../errors";
import { kindPrefix, resourcePath } from "../resources/api-resource";
import { parseDryRun, writeQuery } from "../mutate/dry-run";
import { dryRunFlag, fileFlags, readTargets } from "../mutate/file-flags";
import { withLastApplied } from "../mutate/last-applied";
import { ErrorCollector } from "../mutate/per-object-errors";
import { outputFlag, printResult } from "../mutate/print-result";
import { createConfigMapCommand, createNamespaceCommand, createSecretCommand, createServiceAccountCommand, createTokenCommand } from "./create-config";
import { createClusterRoleBindingCommand, createClusterRoleCommand, createRoleBindingCommand, createRoleCommand } from "./create-rbac";
import { createIngressCommand } from "./create-ingress";
import { createServiceCommand } from "./create-service";
import { createCronJobCommand, createDeploymentCommand, createJobCommand } from "./create-workloads";

export const createCommand: Command = {
  name: "create",
  short: "Create a resource from a file or from stdin",
  usage: "kubectl create -f FILENAME [options]",
  flags: [
    ...fileFlags("use to create the resource"),
    dryRunFlag(),
    outputFlag(),
    flag("save-config", undefined, "bool", "If true, the configuration of current object will be saved in its annotation.", false),
    flag("field-manager", undefined, "string", "Name of the manager used to track field ownership.", "kubectl-create"),
    flag("validate", undefined, "string", "Must be one of: strict (or true), warn, ignore (or false).", "strict"),
  ],
  subcommands: [
    createClusterRoleCommand,
    createClusterRoleBindingCommand,
    createConfigMapCommand,
    createCronJobCommand,
    createDeploymentCommand,
    createIngressCommand,
    createJobCommand,
    createNamespaceCommand,
    createRoleCommand,
    createRoleBindingCommand,
    createSecretCommand,
    createServiceCommand,
    createServiceAccountCommand,
    createTokenCommand,
  ],
  async run(ctx) {
    if (!ctx.flags.changed("filename")) {
      if (ctx.args.length > 0) throw new UsageError(`Unexpected args: [${ctx.args.join(" ")}]\nSee '${ctx.commandPath} -h' for help and examples`);
      throw new CommandError("must specify one of -f and -k");
    }
    const dryRun = parseDryRun(ctx.flags.string("dry-run"));
    const validate = !["false", "ignore"].includes(ctx.flags.string("validate"));
    const targets = await readTargets(ctx);
    if (targets.length === 0) throw new CommandError("no objects passed to create");
    const errors = new ErrorCollector();
    for (const target of targets) {
      if (target instanceof Error) {
        errors.add(target);
        continue;
      }
      const object = ctx.flags.bool("save-config") ? withLastApplied(target.object) : target.object;
      try {
        let result: unknown = object;
        if (dryRun !== "client") {
          result = await ctx.client.create(resourcePath(target.resource, target.namespace), object, writeQuery(ctx.flags.string("field-manager"), dryRun, validate));
        }
        printResult(ctx, kindPrefix(target.resource), target.name, "created", result, dryRun);
      } catch (error) {
        errors.add(error, `error when creating "${target.source}"`);
      }
    }
    return errors.finish(ctx);
  },
};
