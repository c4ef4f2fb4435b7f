// The YAML shape of every check kind. Objects are strict: an unknown field (above all `namespace`) is an
// error, because checks only ever read the learner's own namespace.
import { z } from "zod";
import { normaliseHomePath } from "./home-file-path";

const kebab = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be kebab-case (a-z, 0-9, -)");
const labelMap = z.record(z.string(), z.string());
const base = {
  id: kebab.optional(),
  points: z.number().int().positive().default(1),
  description: z.string().optional(),
};
const countFields = { count: z.number().int().nonnegative().optional(), min: z.number().int().nonnegative().optional() };

type Ctx = z.core.$RefinementCtx;
function exactlyOne(value: Record<string, unknown>, keys: string[], ctx: Ctx, required = true): void {
  const given = keys.filter((k) => value[k] !== undefined);
  if (given.length > 1) ctx.addIssue({ code: "custom", message: `give only one of ${keys.join(", ")}`, path: [given[1]!] });
  if (required && given.length === 0) ctx.addIssue({ code: "custom", message: `give one of ${keys.join(", ")}`, path: [] });
}

const ref = { kind: z.string().min(1), name: z.string().min(1), apiVersion: z.string().optional() };

export const objectExistsCheck = z.strictObject({
  ...base,
  type: z.literal("objectExists"),
  ...ref,
  fields: z.record(z.string(), z.unknown()).optional(),
  labels: labelMap.optional(),
  images: z.array(z.string()).optional(),
});

export const absentCheck = z.strictObject({ ...base, type: z.literal("absent"), ...ref });

export const readyReplicasCheck = z
  .strictObject({
    ...base,
    type: z.literal("readyReplicas"),
    kind: z.enum(["Deployment", "StatefulSet", "ReplicaSet"]).default("Deployment"),
    name: z.string().min(1),
    image: z.string().optional(),
    ...countFields,
  })
  .superRefine((v, ctx) => exactlyOne(v, ["count", "min"], ctx));

export const readyPodsCheck = z
  .strictObject({
    ...base,
    type: z.literal("readyPods"),
    selector: labelMap.optional(),
    owner: z.strictObject({ kind: z.string().min(1), name: z.string().min(1) }).optional(),
    image: z.string().optional(),
    ...countFields,
  })
  .superRefine((v, ctx) => {
    exactlyOne(v, ["count", "min"], ctx);
    exactlyOne(v, ["selector", "owner"], ctx, false);
  });

const podTarget = { pod: z.string().min(1).optional(), selector: labelMap.optional() };

export const podPhaseCheck = z
  .strictObject({
    ...base,
    type: z.literal("podPhase"),
    ...podTarget,
    phase: z.enum(["Pending", "Running", "Succeeded", "Failed", "Unknown"]),
  })
  .superRefine((v, ctx) => exactlyOne(v, ["pod", "selector"], ctx));

export const containerStateCheck = z
  .strictObject({
    ...base,
    type: z.literal("containerState"),
    ...podTarget,
    container: z.string().optional(),
    state: z.enum(["waiting", "running", "terminated"]),
    reason: z.string().optional(),
  })
  .superRefine((v, ctx) => exactlyOne(v, ["pod", "selector"], ctx));

export const serviceSelectsCheck = z
  .strictObject({ ...base, type: z.literal("serviceSelects"), service: z.string().min(1), podSelector: labelMap.optional(), ...countFields })
  .superRefine((v, ctx) => {
    exactlyOne(v, ["count", "min"], ctx, false);
    if (v.count === undefined && v.min === undefined && v.podSelector === undefined)
      ctx.addIssue({ code: "custom", message: "give count, min or podSelector", path: [] });
  });

export const endpointsReadyCheck = z
  .strictObject({ ...base, type: z.literal("endpointsReady"), service: z.string().min(1), ...countFields })
  .superRefine((v, ctx) => exactlyOne(v, ["count", "min"], ctx));

export const configMapMountedCheck = z.strictObject({
  ...base,
  type: z.literal("configMapMounted"),
  pod: z.string().min(1),
  container: z.string().optional(),
  path: z.string().regex(/^\//, "must be an absolute path in the container"),
  contains: z.string().optional(),
});

export const execOutputCheck = z
  .strictObject({
    ...base,
    type: z.literal("execOutput"),
    ...podTarget,
    container: z.string().optional(),
    command: z.array(z.string()).min(1),
    contains: z.string().optional(),
    pattern: z.string().optional(),
    exitCode: z.number().int().nonnegative().default(0),
  })
  .superRefine((v, ctx) => {
    exactlyOne(v, ["pod", "selector"], ctx);
    if (v.pattern !== undefined) {
      try {
        new RegExp(v.pattern);
      } catch {
        ctx.addIssue({ code: "custom", message: "is not a valid regular expression", path: ["pattern"] });
      }
    }
  });

export const canICheck = z
  .strictObject({
    ...base,
    type: z.literal("canI"),
    user: z.string().min(1).optional(),
    serviceAccount: z.string().min(1).optional(),
    groups: z.array(z.string()).optional(),
    verb: z.string().min(1),
    resource: z.string().min(1),
    apiGroup: z.string().optional(),
    subresource: z.string().optional(),
    name: z.string().optional(),
    expect: z.enum(["yes", "no"]),
  })
  .superRefine((v, ctx) => {
    exactlyOne(v, ["user", "serviceAccount"], ctx);
    if (v.serviceAccount?.includes(":"))
      ctx.addIssue({ code: "custom", message: "a service account name only: it lives in the learner's namespace", path: ["serviceAccount"] });
  });

export const eventSeenCheck = z.strictObject({
  ...base,
  type: z.literal("eventSeen"),
  reason: z.string().min(1),
  involvedKind: z.string().optional(),
  involvedName: z.string().optional(),
  involvedNamePrefix: z.string().optional(),
  messageContains: z.string().optional(),
});

export const rolloutHappenedCheck = z.strictObject({
  ...base,
  type: z.literal("rolloutHappened"),
  deployment: z.string().min(1),
  minRevision: z.number().int().positive(),
});

export const commandRunCheck = z
  .strictObject({
    ...base,
    type: z.literal("commandRun"),
    pattern: z.string().optional(),
    kubectl: z.strictObject({ verb: z.string().min(1), resource: z.string().optional() }).optional(),
  })
  .superRefine((v, ctx) => {
    exactlyOne(v, ["pattern", "kubectl"], ctx);
    if (v.pattern !== undefined) {
      try {
        new RegExp(v.pattern);
      } catch {
        ctx.addIssue({ code: "custom", message: "is not a valid regular expression", path: ["pattern"] });
      }
    }
  });

export const homeFileCheck = z
  .strictObject({
    ...base,
    type: z.literal("homeFile"),
    path: z.string().refine((p) => normaliseHomePath(p) !== undefined, "must be a path relative to the home, without .."),
    exists: z.boolean().default(true),
    contains: z.string().optional(),
    yamlFields: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.exists && (v.contains !== undefined || v.yamlFields !== undefined))
      ctx.addIssue({ code: "custom", message: "a file that must not exist has no content to check", path: ["exists"] });
  });

const leafChecks = [
  objectExistsCheck, absentCheck, readyReplicasCheck, readyPodsCheck, podPhaseCheck, containerStateCheck,
  serviceSelectsCheck, endpointsReadyCheck, configMapMountedCheck, execOutputCheck, canICheck, eventSeenCheck,
  rolloutHappenedCheck, commandRunCheck, homeFileCheck,
] as const;

export type LeafCheck = z.output<(typeof leafChecks)[number]>;
export interface CombinatorCheck {
  type: "all" | "any";
  id?: string;
  points: number;
  description?: string;
  checks: Check[];
}
export type Check = LeafCheck | CombinatorCheck;

const combinatorCheck = z.strictObject({
  ...base,
  type: z.enum(["all", "any"]),
  checks: z.array(z.lazy((): z.ZodType<Check, unknown> => checkSchema)).min(1),
});

export const checkSchema: z.ZodType<Check, unknown> = z.discriminatedUnion("type", [...leafChecks, combinatorCheck]);
