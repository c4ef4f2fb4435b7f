// configMapMounted and execOutput run a command inside the container, so what is checked is what the learner
// would see there: a mount that exists in the spec but not in the container (wrong path, wrong key) fails, and
// so does a Service name that does not resolve from the pod.
import type { z } from "zod";
import type { configMapMountedCheck, execOutputCheck } from "../check-schema";
import { matchesLabels, nameOf, podPhase, showSelector } from "./kube-helpers";
import { fail, pass, type CheckEvaluator } from "./types";

const excerpt = (text: string): string => {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > 100 ? `${line.slice(0, 100)}…` : line;
};

export const evaluateConfigMapMounted: CheckEvaluator<z.output<typeof configMapMountedCheck>> = async (check, ctx) => {
  const where = `${check.path} in Pod ${check.pod}${check.container !== undefined ? ` container ${check.container}` : ""}`;
  const pod = await ctx.find("Pod", check.pod);
  if (!pod) return fail(`Pod ${check.pod} not found; the step wants ${check.path} readable in it`);
  // A pod whose volumes could not be set up never started its containers: nothing to exec into.
  if (podPhase(pod) !== "Running") return fail(`Pod ${check.pod} is ${podPhase(pod)}; the step wants ${check.path} readable in it once it is Running`);
  const result = await ctx.cluster.exec(check.pod, check.container, ["cat", check.path]);
  if (result.exitCode !== 0)
    return fail(`cannot read ${where} (exit code ${result.exitCode}${result.stdout.trim() ? `: ${excerpt(result.stdout)}` : ""}); the step wants it mounted`);
  if (check.contains !== undefined && !result.stdout.includes(check.contains))
    return fail(`${where} holds "${excerpt(result.stdout)}"; the step wants it to contain "${check.contains}"`);
  return pass(`${where} is readable${check.contains !== undefined ? ` and contains "${check.contains}"` : ""}`);
};

const shellWords = (argv: string[]): string => argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", "'\\''")}'`)).join(" ");

export const evaluateExecOutput: CheckEvaluator<z.output<typeof execOutputCheck>> = async (check, ctx) => {
  let pod: string;
  if (check.pod !== undefined) {
    const found = await ctx.find("Pod", check.pod);
    if (!found) return fail(`Pod ${check.pod} not found; the step runs \`${shellWords(check.command)}\` in it`);
    if (podPhase(found) !== "Running") return fail(`Pod ${check.pod} is ${podPhase(found)}; the step runs \`${shellWords(check.command)}\` in it once it is Running`);
    pod = check.pod;
  } else {
    const selector = check.selector ?? {};
    // The first Running pod by name, so the same namespace always gives the same answer.
    // Pods being deleted still say Running for their grace period: right after a rollout they are the old ones.
    const running = (await ctx.list("Pod"))
      .filter((p) => matchesLabels(p, selector) && podPhase(p) === "Running" && !p.metadata?.deletionTimestamp)
      .map(nameOf)
      .sort();
    if (running[0] === undefined) return fail(`no Running pod with labels ${showSelector(selector)}; the step runs \`${shellWords(check.command)}\` in one`);
    pod = running[0];
  }
  const where = `\`${shellWords(check.command)}\` in Pod ${pod}${check.container !== undefined ? ` container ${check.container}` : ""}`;
  let result: { stdout: string; exitCode: number };
  try {
    result = await ctx.cluster.exec(pod, check.container, check.command);
  } catch (error) {
    // The container is not there to run it (still starting, exited, a container name that does not exist).
    return fail(`cannot run ${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const output = result.stdout.trim() ? `: ${excerpt(result.stdout)}` : "";
  if (result.exitCode !== check.exitCode) return fail(`${where} exited ${result.exitCode}${output}; the step wants exit code ${check.exitCode}`);
  if (check.contains !== undefined && !result.stdout.includes(check.contains))
    return fail(`${where} printed "${excerpt(result.stdout)}"; the step wants "${check.contains}" in its output`);
  if (check.pattern !== undefined && !new RegExp(check.pattern, "m").test(result.stdout))
    return fail(`${where} printed "${excerpt(result.stdout)}"; the step wants output matching /${check.pattern}/`);
  return pass(`${where} exited ${result.exitCode}${check.contains !== undefined ? ` and printed "${check.contains}"` : ""}`);
};
