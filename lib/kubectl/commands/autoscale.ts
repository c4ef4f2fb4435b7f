import { canonicalQuantity } from "../../cluster/api/quantity";
import { flag, type Command } from "../command";
import { CommandError, OutputError } from "../errors";
import { parseDryRun, writeQuery } from "../mutate/dry-run";
import { dryRunFlag } from "../mutate/file-flags";
import { outputFlag, printResult } from "../mutate/print-result";
import { rolloutTargets } from "../mutate/rollout/rollout-targets";
import { resourcePath } from "../resources/api-resource";

const scalable = new Set(["Deployment", "ReplicaSet", "StatefulSet", "ReplicationController"]);

/** `70%` → utilization; `500m`/`500` (milli-units when bare) → average value, as kubectl's parseResourceInput. */
function target(text: string, bareUnit: string): Record<string, unknown> {
  if (text.endsWith("%")) return { type: "Utilization", averageUtilization: Number.parseInt(text.slice(0, -1), 10) };
  return { type: "AverageValue", averageValue: canonicalQuantity(/^\d+$/.test(text) ? `${text}${bareUnit}` : text) };
}

export const autoscaleCommand: Command = {
  name: "autoscale",
  short: "Auto-scale a deployment, replica set, stateful set, or replication controller",
  usage: "kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu=CPU] [--memory=MEMORY] [flags]",
  flags: [
    flag("filename", "f", "stringSlice", "Filename, directory, or URL to files identifying the resource to autoscale."),
    flag("recursive", "R", "bool", "Process the directory used in -f, --filename recursively.", false),
    flag("min", undefined, "int", "The lower limit for the number of pods that can be set by the autoscaler.", -1),
    flag("max", undefined, "int", "The upper limit for the number of pods that can be set by the autoscaler. Required.", -1),
    flag("cpu-percent", undefined, "int", "The target average CPU utilization over all the pods.", -1),
    flag("cpu", undefined, "string", "Target CPU utilization over all the pods."),
    flag("memory", undefined, "string", "Target memory utilization over all the pods."),
    flag("name", undefined, "string", "The name for the newly created object. If not specified, the name of the input resource will be used."),
    flag("save-config", undefined, "bool", "If true, the configuration of current object will be saved in its annotation.", false),
    flag("field-manager", undefined, "string", "Name of the manager used to track field ownership.", "kubectl-autoscale"),
    dryRunFlag(),
    outputFlag(),
  ],
  async run(ctx) {
    if (ctx.flags.changed("cpu-percent")) {
      ctx.err("Flag --cpu-percent has been deprecated, Use --cpu with percentage or resource quantity format (e.g., '70%' for utilization or '500m' for milliCPU).\n");
    }
    if (!ctx.flags.changed("max")) throw new CommandError('required flag(s) "max" not set');
    const [min, max, cpuPercent] = [ctx.flags.int("min"), ctx.flags.int("max"), ctx.flags.int("cpu-percent")];
    if (max < 1) throw new CommandError(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
    if (max < min) throw new CommandError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
    if (ctx.flags.changed("cpu-percent") && ctx.flags.string("cpu") !== "") throw new CommandError("--cpu-percent and --cpu are mutually exclusive");
    const dryRun = parseDryRun(ctx.flags.string("dry-run"));
    // A server without autoscaling/v2 HPAs fails kubectl's create, and the fallback to v1 with it.
    const hpaResource = (await ctx.discovery.resources()).find((r) => r.name === "horizontalpodautoscalers" && r.groupVersion === "autoscaling/v2");
    const unserved = "failed to create autoscaling/v2 HPA and the configuration is incompatible with autoscaling/v1: empty input";
    const targets = await rolloutTargets(ctx, ctx.args, "You must provide one or more resources by argument or filename.");
    if (targets.length === 0) throw new CommandError("no objects passed to autoscale");
    for (const t of targets) {
      if (!scalable.has(t.resource.kind)) throw new CommandError(`cannot autoscale a ${t.resource.kind}: no scale subresource`);
      const metrics: unknown[] = [];
      const resourceMetric = (name: string, goal: Record<string, unknown>) => metrics.push({ type: "Resource", resource: { name, target: goal } });
      if (cpuPercent > 0) resourceMetric("cpu", { type: "Utilization", averageUtilization: cpuPercent });
      if (ctx.flags.string("cpu") !== "") resourceMetric("cpu", target(ctx.flags.string("cpu"), "m"));
      if (ctx.flags.string("memory") !== "") resourceMetric("memory", target(ctx.flags.string("memory"), "Mi"));
      const name = ctx.flags.string("name") || t.name;
      const hpa = {
        apiVersion: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        metadata: { name, ...(ctx.namespaceExplicit ? { namespace: ctx.namespace } : {}) },
        spec: {
          scaleTargetRef: { apiVersion: t.resource.groupVersion, kind: t.resource.kind, name: t.name },
          ...(min > 0 ? { minReplicas: min } : {}),
          maxReplicas: max,
          ...(metrics.length > 0 ? { metrics } : {}),
        },
        status: { currentMetrics: null, desiredReplicas: 0 },
      };
      if (dryRun === "client") {
        printResult(ctx, "horizontalpodautoscaler.autoscaling", name, "created", hpa, dryRun);
        continue;
      }
      if (!hpaResource && (ctx.flags.string("cpu") !== "" || ctx.flags.string("memory") !== "")) {
        throw new OutputError("Error from server (NotFound): the server could not find the requested resource\n", 1);
      }
      if (!hpaResource) throw new CommandError(unserved);
      const { status: _status, ...body } = hpa;
      const created = await ctx.client.create(resourcePath(hpaResource, t.namespace), body, writeQuery(ctx.flags.string("field-manager"), dryRun, false));
      printResult(ctx, "horizontalpodautoscaler.autoscaling", name, "autoscaled", created, dryRun);
    }
    return 0;
  },
};
