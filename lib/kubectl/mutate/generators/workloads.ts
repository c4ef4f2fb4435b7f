/**
 * The objects `kubectl create deployment|job|cronjob` and `kubectl run` build, field for field as their Go
 * structs marshal (empty structs such as `resources: {}` included), so the stored objects equal real kubectl's.
 */
import type { JsonObject } from "../../../cluster/api/patch/json-value";
import { GeneratorError } from "./generator-error";

/** The container name kubectl derives from an image: last path part, tag and digest dropped, `_` → `-`. */
export function containerNameForImage(image: string): string {
  let name = image.split("/").pop() ?? image;
  name = name.split(":")[0] ?? name;
  name = name.split("@")[0] ?? name;
  return name.replace(/_/g, "-");
}

export type DeploymentOptions = { name: string; images: string[]; replicas: number; port: number; command?: string[]; namespace?: string };

export function deploymentObject(o: DeploymentOptions): JsonObject {
  const labels = { app: o.name };
  // Go field order (name, image, command, ports, resources): -o json prints it.
  const containers: JsonObject[] = o.images.map((image, index) => ({
    name: containerNameForImage(image),
    image,
    ...(o.command && o.command.length > 0 ? { command: o.command } : {}),
    ...(index === 0 && o.port >= 0 ? { ports: [{ containerPort: o.port }] } : {}),
    resources: {},
  }));
  return {
    kind: "Deployment",
    apiVersion: "apps/v1",
    metadata: { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}), labels },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: { ...labels } },
      template: { metadata: { labels: { ...labels } }, spec: { containers } },
      strategy: {},
    },
    status: {},
  };
}

export type JobOptions = { name: string; image: string; command: string[]; namespace?: string };

export function jobObject(o: JobOptions): JsonObject {
  const container: JsonObject = { name: o.name, image: o.image };
  if (o.command.length > 0) container.command = o.command;
  container.resources = {};
  return {
    kind: "Job",
    apiVersion: "batch/v1",
    metadata: { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) },
    spec: { template: { metadata: {}, spec: { containers: [container], restartPolicy: "Never" } } },
    status: {},
  };
}

/** `create job NAME --from=cronjob/x`: the CronJob's job template, owned by it, marked as started by hand. */
export function jobFromCronJob(name: string, cronJob: JsonObject, namespace?: string): JsonObject {
  const metadata = (cronJob.metadata ?? {}) as JsonObject;
  const template = (((cronJob.spec ?? {}) as JsonObject).jobTemplate ?? {}) as JsonObject;
  const templateMeta = (template.metadata ?? {}) as JsonObject;
  const annotations: JsonObject = { "cronjob.kubernetes.io/instantiate": "manual", ...((templateMeta.annotations ?? {}) as JsonObject) };
  const jobMeta: JsonObject = { name, ...(namespace ? { namespace } : {}), annotations };
  if (templateMeta.labels) jobMeta.labels = templateMeta.labels;
  jobMeta.ownerReferences = [{ apiVersion: "batch/v1", kind: "CronJob", name: metadata.name ?? "", uid: metadata.uid ?? "", controller: true }];
  return { kind: "Job", apiVersion: "batch/v1", metadata: jobMeta, spec: (template.spec ?? {}), status: {} };
}

export type CronJobOptions = { name: string; image: string; schedule: string; command: string[]; restart: string; namespace?: string };

export function cronJobObject(o: CronJobOptions): JsonObject {
  const container: JsonObject = { name: o.name, image: o.image };
  if (o.command.length > 0) container.command = o.command;
  container.resources = {};
  return {
    kind: "CronJob",
    apiVersion: "batch/v1",
    metadata: { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}) },
    spec: {
      schedule: o.schedule,
      jobTemplate: {
        metadata: { name: o.name },
        spec: { template: { metadata: {}, spec: { containers: [container], restartPolicy: o.restart } } },
      },
    },
    status: {},
  };
}

export type RunOptions = {
  name: string;
  image: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  env: string[];
  port?: number;
  restart: string;
  /** With --command the arguments replace the entrypoint; otherwise they are its args. */
  command: boolean;
  args: string[];
  imagePullPolicy?: string;
  serviceAccount?: string;
  stdin?: boolean;
  tty?: boolean;
  namespace?: string;
};

export function podObject(o: RunOptions): JsonObject {
  // Built in the Go structs' field order: -o json prints typed objects in that order.
  const container: JsonObject = { name: o.name, image: o.image };
  if (o.args.length > 0) container[o.command ? "command" : "args"] = o.args;
  if (o.port !== undefined && o.port >= 0) container.ports = [{ containerPort: o.port }];
  if (o.env.length > 0) container.env = o.env.map(parseEnv);
  container.resources = {};
  if (o.imagePullPolicy) container.imagePullPolicy = o.imagePullPolicy;
  if (o.stdin) {
    container.stdin = true;
    container.stdinOnce = true;
  }
  if (o.tty) container.tty = true;
  const metadata: JsonObject = { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}), labels: o.labels ?? { run: o.name } };
  if (o.annotations && Object.keys(o.annotations).length > 0) metadata.annotations = o.annotations;
  const spec: JsonObject = { containers: [container], restartPolicy: o.restart, dnsPolicy: "ClusterFirst" };
  if (o.serviceAccount) spec.serviceAccountName = o.serviceAccount;
  return { kind: "Pod", apiVersion: "v1", metadata, spec, status: {} };
}

function parseEnv(entry: string): JsonObject {
  const eq = entry.indexOf("=");
  if (eq <= 0) throw new GeneratorError(`invalid env: ${entry}`);
  return { name: entry.slice(0, eq), value: entry.slice(eq + 1) };
}

/** `--labels a=b,c=d` as kubectl run reads it. */
export function parseLabelList(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of text.split(",")) {
    const [key, value, extra] = pair.split("=");
    if (key === undefined || value === undefined || extra !== undefined || key === "") throw new GeneratorError(`invalid label spec: ${pair}`);
    labels[key] = value;
  }
  return labels;
}
