import { flag, type Command } from "../command";
import { CommandError, noResourcesMessage } from "../errors";
import { dryRunFlag } from "../mutate/file-flags";
import { outputFlag } from "../mutate/print-result";
import { setPodSpecs } from "./set-apply";

export const setImageCommand: Command = {
  name: "image",
  short: "Update the image of a pod template",
  usage: "kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N",
  flags: [
    flag("filename", "f", "stringSlice", "Filename, directory, or URL to files identifying the resource to get from a server."),
    flag("recursive", "R", "bool", "Process the directory used in -f, --filename recursively.", false),
    flag("all", undefined, "bool", "Select all resources, in the namespace of the specified resource types", false),
    flag("selector", "l", "string", "Selector (label query) to filter on."),
    flag("local", undefined, "bool", "If true, set image will NOT contact api-server but run locally.", false),
    flag("field-manager", undefined, "string", "Name of the manager used to track field ownership.", "kubectl-set"),
    dryRunFlag(),
    outputFlag(),
  ],
  async run(ctx) {
    const resources = ctx.args.filter((a) => !a.includes("="));
    const images = ctx.args.filter((a) => a.includes("=")).map((a) => [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] as const);
    // kubectl resolves the resources (Complete) before it validates the image pairs, so that error comes first.
    if (resources.length === 0 && !ctx.flags.changed("filename")) throw new CommandError(noResourcesMessage);
    const problems: string[] = [];
    if (images.length === 0) problems.push("at least one image update is required");
    if (images.some(([name]) => name === "*") && images.length > 1) problems.push("all containers are already specified by *, but saw more than one container_name=container_image pairs");
    if (problems.length === 1) throw new CommandError(problems[0] ?? "");
    if (problems.length > 1) throw new CommandError(`[${problems.join(", ")}]`);
    return setPodSpecs(ctx, resources, "image updated", "image", (spec, errors) => {
      const all = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
      for (const [name, image] of images) {
        const matched = name === "*" ? all : all.filter((c) => c.name === name);
        if (matched.length === 0) errors.push(`error: unable to find container named ${JSON.stringify(name)}`);
        for (const container of matched) container.image = image;
      }
    });
  },
};
