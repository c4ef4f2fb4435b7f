// The shape of labs/<NN-slug>/lab.yaml. The loader turns a parsed file into a `Lab` (files inlined).
import { z } from "zod";
import { checkSchema, type Check } from "./check-schema";

const kebab = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be kebab-case (a-z, 0-9, -)");
// A path inside the learner's home or the labs root: relative, and never climbing out.
const relativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith("/") && !p.split("/").includes(".."), "must be a relative path without ..");

const kubeObject = z
  .looseObject({
    apiVersion: z.string().min(1),
    kind: z.string().min(1),
    metadata: z.looseObject({ name: z.string().min(1).optional(), generateName: z.string().optional() }),
  })
  .superRefine((o, ctx) => {
    if ("namespace" in o.metadata)
      ctx.addIssue({ code: "custom", message: "setup objects may not name a namespace: they go to the learner's", path: ["metadata", "namespace"] });
  });

const starterFile = z.union([
  z.strictObject({ path: relativePath, content: z.string() }),
  z.strictObject({ path: relativePath, from: relativePath }),
]);

const stepSchema = z.strictObject({
  id: kebab,
  title: z.string().min(1),
  instructions: z.string().optional(),
  hints: z.array(z.string()).default([]),
  starterFiles: z.array(starterFile).default([]),
  setup: z
    .strictObject({ objects: z.array(kubeObject).default([]), files: z.array(relativePath).default([]) })
    .optional(),
  checks: z.array(checkSchema).default([]),
  solution: z.array(z.string()).default([]),
  faultDrill: z.boolean().default(false),
});

export const labFileSchema = z
  .strictObject({
    slug: kebab,
    title: z.string().min(1),
    chapter: z.strictObject({ number: z.number().int().nonnegative(), name: z.string().min(1) }),
    summary: z.string().min(1),
    objectives: z.array(z.string().min(1)).min(1),
    estimatedMinutes: z.number().int().positive(),
    steps: z.array(stepSchema).min(1),
  })
  .superRefine((lab, ctx) => {
    const stepIds = new Set<string>();
    const checkIds = new Set<string>();
    lab.steps.forEach((step, s) => {
      if (stepIds.has(step.id)) ctx.addIssue({ code: "custom", message: `duplicate step id "${step.id}"`, path: ["steps", s, "id"] });
      stepIds.add(step.id);
      step.checks.forEach((check, c) => {
        const path = ["steps", s, "checks", c, "id"];
        if (check.id === undefined) ctx.addIssue({ code: "custom", message: "a check needs an id", path });
        else if (checkIds.has(check.id)) ctx.addIssue({ code: "custom", message: `duplicate check id "${check.id}"`, path });
        else checkIds.add(check.id);
      });
    });
  });

export type LabFile = z.output<typeof labFileSchema>;
type StepFile = LabFile["steps"][number];

/** A step after loading: instructions resolved, starter files and setup objects inlined. */
export interface LabStep extends Omit<StepFile, "instructions" | "starterFiles" | "setup" | "checks"> {
  instructions: string;
  starterFiles: { path: string; content: string }[];
  setup: { objects: Record<string, unknown>[] };
  checks: (Check & { id: string })[];
}

export interface Lab extends Omit<LabFile, "steps"> {
  /** The directory name under labs/, e.g. "06-deployments". */
  dir: string;
  steps: LabStep[];
}

/** Renders zod issues as `file: a.b[2].c: message` lines. */
export function formatIssues(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.reduce<string>(
      (acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part)),
      "",
    );
    return `${file}: ${path ? `${path}: ` : ""}${issue.message}`;
  });
}
