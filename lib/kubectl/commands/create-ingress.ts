import { flag, type Command } from "../command";
import { CommandError } from "../errors";
import { collectionPath, createObject, enforcedNamespace } from "../mutate/create-object";
import { dryRunFlag } from "../mutate/file-flags";
import { GeneratorError } from "../mutate/generators/generator-error";
import { ingressObject } from "../mutate/generators/ingress";
import { nameArg } from "../mutate/name-arg";
import { outputFlag } from "../mutate/print-result";

export const createIngressCommand: Command = {
  name: "ingress",
  aliases: ["ing"],
  short: "Create an ingress with the specified name",
  usage: "kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]",
  flags: [
    flag("annotation", undefined, "stringArray", "Annotation to insert in the ingress object, in the format annotation=value"),
    flag("class", undefined, "string", "Ingress Class to be used"),
    flag("default-backend", undefined, "string", "Default service for backend, in format of svcname:port"),
    flag("rule", undefined, "stringArray", 'Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character \'*\' are considered pathType=Prefix. tls argument is optional.'),
    dryRunFlag(),
    outputFlag(),
    flag("field-manager", undefined, "string", "Name of the manager used to track field ownership.", "kubectl-create"),
  ],
  async run(ctx) {
    const name = nameArg(ctx);
    let object;
    try {
      object = ingressObject({
        name,
        rules: ctx.flags.strings("rule"),
        ingressClass: ctx.flags.string("class"),
        defaultBackend: ctx.flags.string("default-backend"),
        annotations: ctx.flags.strings("annotation"),
        namespace: enforcedNamespace(ctx),
      });
    } catch (error) {
      if (error instanceof GeneratorError) throw new CommandError(error.message);
      throw error;
    }
    return createObject(ctx, { path: collectionPath("networking.k8s.io/v1", "ingresses", ctx.namespace), prefix: "ingress.networking.k8s.io", failure: "failed to create ingress" }, object);
  },
};
