// readyReplicas (a workload's status) and readyPods (counting pods that are Running and Ready).
import type { z } from "zod";
import type { readyPodsCheck, readyReplicasCheck } from "../check-schema";
import type { KubeObject } from "../lab-cluster";
import { countMatches, imagesOf, isPodReady, matchesLabels, plural, podsOwnedBy, showSelector, wanted } from "./kube-helpers";
import { fail, pass, type CheckEvaluator } from "./types";

export const evaluateReadyReplicas: CheckEvaluator<z.output<typeof readyReplicasCheck>> = async (check, ctx) => {
  const what = `${check.kind} ${check.name}`;
  const obj = await ctx.find(check.kind, check.name);
  if (!obj) return fail(`${what} not found; the step wants ${wanted(check)} ready replicas`);
  if (check.image !== undefined && !imagesOf(obj).includes(check.image))
    return fail(`${what} runs ${imagesOf(obj).join(", ") || "no images"}; the step wants ${check.image}`);
  const ready = (obj.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0;
  const text = `${what} has ${plural(ready, "ready replica")}`;
  return countMatches(ready, check) ? pass(text) : fail(`${text}; the step wants ${wanted(check)}`);
};

export const evaluateReadyPods: CheckEvaluator<z.output<typeof readyPodsCheck>> = async (check, ctx) => {
  let pods: KubeObject[];
  let scope: string;
  if (check.owner) {
    pods = await podsOwnedBy(ctx, check.owner.kind, check.owner.name);
    scope = `of ${check.owner.kind} ${check.owner.name}`;
  } else {
    const selector = check.selector ?? {};
    pods = (await ctx.list("Pod")).filter((p) => matchesLabels(p, selector));
    scope = check.selector ? `with labels ${showSelector(selector)}` : "in the namespace";
  }
  const ready = pods.filter((p) => isPodReady(p) && (check.image === undefined || imagesOf(p).includes(check.image)));
  const image = check.image !== undefined ? ` running ${check.image}` : "";
  const n = ready.length;
  const text = `${plural(n, "ready pod")}${image} ${scope}`;
  return countMatches(n, check) ? pass(text) : fail(`${text}; the step wants ${wanted(check)}`);
};
