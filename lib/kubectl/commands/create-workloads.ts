import type { JsonObject } from "../../cluster/api/patch/json-value";
import { flag, type Command } from "../command";
import { CommandError } from "../errors";
import { collectionPath, createObject, enforcedNamespace } from "../mutate/create-object";
import { dryRunFlag } from "../mutate/file-flags";
import { cronJobObject, deploymentObject, jobFromCronJob, jobObject } from "../mutate/generators/workloads";
import { nameArg } from "../mutate/name-arg";
import { outputFlag } from "../mutate/print-result";

const common = () => [dryRunFlag(), outputFlag(), flag("field-manager", undefined, "string", "Name of the manager used to track field ownership.", "kubectl-create")];

export const createDeploymentCommand: Command = {
  name: "deployment",
  aliases: ["deploy"],
  short: "Create a deployment with the specified name",
  usage: "kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]",
  flags: [
    flag("image", undefined, "stringSlice", "Image names to run. A deployment can have multiple images set for multi-container pod."),
    flag("replicas", "r", "int", "Number of replicas to create. Default is 1.", 1),
    flag("port", undefined, "int", "The containerPort that this deployment exposes.", -1),
    ...common(),
  ],
  async run(ctx) {
    const [name, ...command] = ctx.args;
    const images = ctx.flags.strings("image");
    if (images.length === 0) throw new CommandError('required flag(s) "image" not set');
    nameArg(ctx, name === undefined ? [] : [name]);
    if (images.length > 1 && command.length > 0) throw new CommandError("cannot specify multiple --image options and command");
    const object = deploymentObject({ name: name ?? "", images, replicas: ctx.flags.int("replicas"), port: ctx.flags.int("port"), command, namespace: enforcedNamespace(ctx) });
    return createObject(ctx, { path: collectionPath("apps/v1", "deployments", ctx.namespace), prefix: "deployment.apps", failure: "failed to create deployment" }, object);
  },
};

export const createJobCommand: Command = {
  name: "job",
  short: "Create a job with the specified name",
  usage: "kubectl create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]",
  flags: [
    flag("image", undefined, "string", "Image name to run."),
    flag("from", undefined, "string", "The name of the resource to create a Job from (only cronjob is supported)."),
    ...common(),
  ],
  async run(ctx) {
    const [name, ...command] = ctx.args;
    nameArg(ctx, name === undefined ? [] : [name]);
    const image = ctx.flags.string("image");
    const from = ctx.flags.string("from");
    if (!image && !from) throw new CommandError("either --image or --from must be specified");
    if (from && command.length > 0) throw new CommandError("cannot specify --from and command");
    let object: JsonObject;
    if (from) {
      const [kind, source] = from.split("/");
      if (!source || !["cronjob", "cronjobs", "cj", "cronjob.batch", "cronjobs.batch"].includes(kind?.toLowerCase() ?? "")) throw new CommandError("from must be an existing cronjob");
      const cronJob = (await ctx.client.get(`${collectionPath("batch/v1", "cronjobs", ctx.namespace)}/${encodeURIComponent(source)}`)) as JsonObject;
      object = jobFromCronJob(name ?? "", cronJob, enforcedNamespace(ctx));
    } else {
      object = jobObject({ name: name ?? "", image, command, namespace: enforcedNamespace(ctx) });
    }
    return createObject(ctx, { path: collectionPath("batch/v1", "jobs", ctx.namespace), prefix: "job.batch", failure: "failed to create job" }, object);
  },
};

export const createCronJobCommand: Command = {
  name: "cronjob",
  aliases: ["cj"],
  short: "Create a cron job with the specified name",
  usage: "kubectl create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]",
  flags: [
    flag("image", undefined, "string", "Image name to run."),
    flag("schedule", undefined, "string", "A schedule in the Cron format the job should be run with."),
    flag("restart", undefined, "string", "job's restart policy. supported values: OnFailure, Never", "OnFailure"),
    ...common(),
  ],
  async run(ctx) {
    const [name, ...command] = ctx.args;
    nameArg(ctx, name === undefined ? [] : [name]);
    const missing = ["image", "schedule"].filter((f) => !ctx.flags.changed(f)).map((f) => `"${f}"`);
    if (missing.length > 0) throw new CommandError(`required flag(s) ${missing.join(", ")} not set`);
    const object = cronJobObject({
      name: name ?? "",
      image: ctx.flags.string("image"),
      schedule: ctx.flags.string("schedule"),
      command,
      restart: ctx.flags.string("restart"),
      namespace: enforcedNamespace(ctx),
    });
    return createObject(ctx, { path: collectionPath("batch/v1", "cronjobs", ctx.namespace), prefix: "cronjob.batch", failure: "failed to create cronjob" }, object);
  },
};
