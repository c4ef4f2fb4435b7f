import { flag, type Command } from "../command";
import { CommandError } from "../errors";
import { collectionPath, createObject, enforcedNamespace } from "../mutate/create-object";
import { dryRunFlag } from "../mutate/file-flags";
import { GeneratorError } from "../mutate/generators/generator-error";
import { createServiceObject, type CreateServiceOptions } from "../mutate/generators/services";
import { nameArg } from "../mutate/name-arg";
import { outputFlag } from "../mutate/print-result";

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function serviceCommand(word: string, type: CreateServiceOptions["type"], short: string): Command {
  const external = type === "ExternalName";
  return {
    name: word,
    short,
    usage: external
      ? "kubectl create service externalname NAME --external-name external.name [--dry-run=server|client|none] [options]"
      : `kubectl create service ${word} NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]`,
    flags: [
      flag("tcp", undefined, "stringSlice", "Port pairs can be specified as '<port>:<targetPort>'."),
      ...(type === "ClusterIP" ? [flag("clusterip", undefined, "string", "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing).")] : []),
      ...(type === "NodePort" ? [flag("node-port", undefined, "int", "Port used to expose the service on each node in a cluster.", 0)] : []),
      ...(external ? [flag("external-name", undefined, "string", "External name of service")] : []),
      dryRunFlag(),
      outputFlag(),
      flag("field-manager", undefined, "string", "Name of the manager used to track field ownership.", "kubectl-create"),
    ],
    async run(ctx) {
      if (external && !ctx.flags.changed("external-name")) throw new CommandError('required flag(s) "external-name" not set');
      const name = nameArg(ctx);
      const clusterIP = type === "ClusterIP" ? ctx.flags.string("clusterip") : "";
      const externalName = external ? ctx.flags.string("external-name") : "";
      const tcp = ctx.flags.strings("tcp");
      if (clusterIP === "None" && type !== "ClusterIP") throw new CommandError("ClusterIP=None can only be used with ClusterIP service type");
      if (clusterIP !== "None" && tcp.length === 0 && !external) throw new CommandError("at least one tcp port specifier must be provided");
      if (external && (!DNS1123_SUBDOMAIN.test(externalName) || externalName.length > 253)) throw new CommandError(`invalid service external name ${externalName}`);
      let object;
      try {
        object = createServiceObject({
          name,
          type,
          tcp,
          nodePort: type === "NodePort" ? ctx.flags.int("node-port") : 0,
          ...(clusterIP ? { clusterIP } : {}),
          ...(externalName ? { externalName } : {}),
          namespace: enforcedNamespace(ctx),
        });
      } catch (error) {
        if (error instanceof GeneratorError) throw new CommandError(error.message);
        throw error;
      }
      return createObject(ctx, { path: collectionPath("v1", "services", ctx.namespace), prefix: "service", failure: `failed to create ${type} service` }, object);
    },
  };
}

export const createServiceCommand: Command = {
  name: "service",
  aliases: ["svc"],
  short: "Create a service using a specified subcommand",
  usage: "kubectl create service [flags] [options]",
  subcommands: [
    serviceCommand("clusterip", "ClusterIP", "Create a ClusterIP service"),
    serviceCommand("externalname", "ExternalName", "Create an ExternalName service"),
    serviceCommand("loadbalancer", "LoadBalancer", "Create a LoadBalancer service"),
    serviceCommand("nodeport", "NodePort", "Create a NodePort service"),
  ],
};
