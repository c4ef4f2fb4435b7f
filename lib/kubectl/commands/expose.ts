import type { JsonObject } from "../../cluster/api/patch/json-value";
import { flag, type Command } from "../command";
import { CommandError } from "../errors";
import { resourcePath } from "../resources/api-resource";
import { resolveArgs } from "../resources/resolve-resource";
import { collectionPath, createObject, enforcedNamespace } from "../mutate/create-object";
import { dryRunFlag } from "../mutate/file-flags";
import { exposeServiceObject, portsForExpose, selectorForExpose } from "../mutate/generators/services";
import { parseLabelList } from "../mutate/generators/workloads";
import { outputFlag } from "../mutate/print-result";

const EXPOSABLE = ["Pod", "Service", "ReplicationController", "Deployment", "ReplicaSet"];

export const exposeCommand: Command = {
  name: "expose",
  short: "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service",
  usage: "kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]",
  flags: [
    flag("port", undefined, "string", "The port that the service should serve on. Copied from the resource being exposed, if unspecified"),
    flag("target-port", undefined, "string", "Name or number for the port on the container that the service should direct traffic to. Optional."),
    flag("protocol", undefined, "string", "The network protocol for the service to be created. Default is 'TCP'."),
    flag("type", undefined, "string", "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'."),
    flag("name", undefined, "string", "The name for the newly created object."),
    flag("selector", undefined, "string", "A label selector to use for this service."),
    flag("labels", "l", "string", "Labels to apply to the service created by this call."),
    flag("cluster-ip", undefined, "string", "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service."),
    flag("external-ip", undefined, "string", "Additional external IP address (not managed by Kubernetes) to accept for the service."),
    flag("field-manager", undefined, "string", "Name of the manager used to track field ownership.", "kubectl-expose"),
    dryRunFlag(),
    outputFlag(),
  ],
  async run(ctx) {
    const [request] = await resolveArgs(ctx.discovery, ctx.args);
    const name = request?.names[0];
    if (!request || !name) {
      throw new CommandError(`You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`);
    }
    if (!EXPOSABLE.includes(request.resource.kind)) throw new CommandError(`cannot expose a ${request.resource.kind}`);
    const object = (await ctx.client.get(resourcePath(request.resource, ctx.namespace, name))) as JsonObject;
    const selector = ctx.flags.string("selector") ? parseLabelList(ctx.flags.string("selector")) : selectorForExpose(object);
    if (typeof selector === "string") throw new CommandError(`couldn't retrieve selectors via --selector flag or introspection: ${selector}`);
    const protocol = ctx.flags.string("protocol");
    let ports = portsForExpose(object);
    if (ctx.flags.string("port")) {
      const port = ctx.flags.string("port");
      if (!/^\d+$/.test(port)) throw new CommandError(`strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax`);
      ports = [{ port: Number(port), protocol: protocol || ports[0]?.protocol || "TCP" }];
    } else if (ports.length === 0) {
      throw new CommandError("couldn't find port via --port flag or introspection");
    } else if (protocol) {
      ports = ports.map((p) => ({ ...p, protocol }));
    }
    const metadata = (object.metadata ?? {}) as JsonObject;
    const labels = ctx.flags.string("labels") ? parseLabelList(ctx.flags.string("labels")) : ((metadata.labels ?? {}) as Record<string, string>);
    const service = exposeServiceObject({
      name: ctx.flags.string("name") || name,
      selector,
      labels,
      ports,
      ...(ctx.flags.string("target-port") ? { targetPort: ctx.flags.string("target-port") } : {}),
      ...(ctx.flags.string("type") ? { type: ctx.flags.string("type") } : {}),
      ...(ctx.flags.string("cluster-ip") ? { clusterIP: ctx.flags.string("cluster-ip") } : {}),
      ...(ctx.flags.string("external-ip") ? { externalIP: ctx.flags.string("external-ip") } : {}),
      namespace: enforcedNamespace(ctx),
    });
    return createObject(ctx, { path: collectionPath("v1", "services", ctx.namespace), prefix: "service", verb: "exposed", fieldManager: ctx.flags.string("field-manager") }, service);
  },
};
