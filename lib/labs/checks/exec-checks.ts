// configMapMounted: reads the file inside the container, so a mount that exists in the spec but not in the
// container (wrong path, wrong key) fails just as it would for the learner.
import type { z } from "zod";
import type { configMapMountedCheck } from "../check-schema";
import { fail, pass, type CheckEvaluator } from "./types";

const excerpt = (text: string): string => {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > 100 ? `${line.slice(0, 100)}…` : line;
};

export const evaluateConfigMapMounted: CheckEvaluator<z.output<typeof configMapMountedCheck>> = async (check, ctx) => {
  const where = `${check.path} in Pod ${check.pod}${check.container !== undefined ? ` container ${check.container}` : ""}`;
  const pod = await ctx.find("Pod", check.pod);
  if (!pod) return fail(`Pod ${check.pod} not found; the step wants ${check.path} readable in it`);
  const result = await ctx.cluster.exec(check.pod, check.container, ["cat", check.path]);
  if (result.exitCode !== 0)
    return fail(`cannot read ${where} (exit code ${result.exitCode}${result.stdout.trim() ? `: ${excerpt(result.stdout)}` : ""}); the step wants it mounted`);
  if (check.contains !== undefined && !result.stdout.includes(check.contains))
    return fail(`${where} holds "${excerpt(result.stdout)}"; the step wants it to contain "${check.contains}"`);
  return pass(`${where} is readable${check.contains !== undefined ? ` and contains "${check.contains}"` : ""}`);
};
