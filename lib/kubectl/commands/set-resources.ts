import { canonicalQuantity } from "../../cluster/api/quantity";
import { flag, type Command } from "../command";
import { CommandError, noResourcesMessage } from "../errors";
import { dryRunFlag } from "../mutate/file-flags";
import { outputFlag } from "../mutate/print-result";
import { selectContainers } from "../mutate/rollout/pod-spec-update";
import { setPodSpecs } from "./set-apply";

/** `cpu=200m,memory=512Mi` → canonical quantities by resource name. */
function parseRequirements(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const statement of text.split(",").filter((s) => s !== "")) {
    const [name, value, extra] = statement.split("=");
    if (!name || value === undefined || extra !== undefined) throw new CommandError(`invalid argument syntax ${statement}, expected <resource>=<value>`);
    try {
      out[name] = canonicalQuantity(value);
    } catch {
      throw new CommandError(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
    }
  }
  return out;
}

export const setResourcesCommand: Command = {
  name: "resources",
  short: "Update resource requests/limits on objects with pod templates",
  usage: "kubectl set resources (-f FILENAME | TYPE NAME) ([--limits=LIMITS & --requests=REQUESTS]",
  flags: [
    flag("filename", "f", "stringSlice", "Filename, directory, or URL to files identifying the resource to get from a server."),
    flag("recursive", "R", "bool", "Process the directory used in -f, --filename recursively.", false),
    flag("all", undefined, "bool", "Select all resources, in the namespace of the specified resource types", false),
    flag("selector", "l", "string", "Selector (label query) to filter on."),
    flag("containers", "c", "string", "The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards", "*"),
    flag("limits", undefined, "string", "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'."),
    flag("requests", undefined, "string", "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'."),
    flag("local", undefined, "bool", "If true, set resources will NOT contact api-server but run locally.", false),
    flag("field-manager", undefined, "string", "Name of the manager used to track field ownership.", "kubectl-set"),
    dryRunFlag(),
    outputFlag(),
  ],
  async run(ctx) {
    // Like set image, kubectl's builder fails before the resource checks do.
    if (ctx.args.length === 0 && !ctx.flags.changed("filename")) throw new CommandError(noResourcesMessage);
    const limits = parseRequirements(ctx.flags.string("limits"));
    const requests = parseRequirements(ctx.flags.string("requests"));
    if (Object.keys(limits).length === 0 && Object.keys(requests).length === 0) {
      throw new CommandError("you must specify an update to requests or limits (in the form of --requests/--limits)");
    }
    const selector = ctx.flags.string("containers");
    return setPodSpecs(ctx, ctx.args, "resource requirements updated", "resources", (spec, errors) => {
      const containers = selectContainers(spec, selector);
      if (containers.length === 0) errors.push(`error: unable to find container named ${selector}`);
      for (const container of containers) {
        const resources = { ...((container.resources as Record<string, Record<string, string>> | undefined) ?? {}) };
        if (Object.keys(limits).length > 0) resources.limits = { ...resources.limits, ...limits };
        if (Object.keys(requests).length > 0) resources.requests = { ...resources.requests, ...requests };
        container.resources = resources;
      }
    });
  },
};
