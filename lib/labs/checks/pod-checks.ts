// podPhase and containerState: what the kubelet reports about pods and their containers.
import type { z } from "zod";
import type { containerStateCheck, podPhaseCheck } from "../check-schema";
import type { EvalContext } from "../eval-context";
import type { KubeObject } from "../lab-cluster";
import { matchesLabels, nameOf, podPhase, showSelector } from "./kube-helpers";
import { fail, pass, type CheckEvaluator } from "./types";

type Target = { pod?: string; selector?: Record<string, string> };

async function targetPods(ctx: EvalContext, t: Target): Promise<{ pods: KubeObject[]; label: string }> {
  if (t.pod !== undefined) {
    const pod = await ctx.find("Pod", t.pod);
    return { pods: pod ? [pod] : [], label: `Pod ${t.pod}` };
  }
  const selector = t.selector ?? {};
  return { pods: (await ctx.list("Pod")).filter((p) => matchesLabels(p, selector)), label: `pods with labels ${showSelector(selector)}` };
}

export const evaluatePodPhase: CheckEvaluator<z.output<typeof podPhaseCheck>> = async (check, ctx) => {
  const { pods, label } = await targetPods(ctx, check);
  if (pods.length === 0) return fail(`${label}: none found; the step wants ${check.phase}`);
  const off = pods.filter((p) => podPhase(p) !== check.phase);
  if (off.length === 0) return pass(`${label}: ${check.phase}`);
  const found = off.map((p) => `${nameOf(p)} is ${podPhase(p)}`).join(", ");
  return fail(`${check.pod !== undefined ? `Pod ${found}` : `${label}: ${found}`}; the step wants ${check.phase}`);
};

type ContainerStatus = { name: string; state?: Record<string, { reason?: string } | undefined> };

function describeState(cs: ContainerStatus): { state: string; reason?: string } {
  const state = Object.keys(cs.state ?? {}).find((k) => cs.state?.[k] !== undefined) ?? "waiting";
  return { state, reason: cs.state?.[state]?.reason };
}

export const evaluateContainerState: CheckEvaluator<z.output<typeof containerStateCheck>> = async (check, ctx) => {
  const { pods, label } = await targetPods(ctx, check);
  const want = `${check.state}${check.reason !== undefined ? ` (${check.reason})` : ""}`;
  const container = check.container !== undefined ? `container ${check.container}` : "a container";
  if (pods.length === 0) return fail(`${label}: none found; the step wants ${container} ${want}`);
  const seen: string[] = [];
  for (const pod of pods) {
    const status = pod.status as { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] } | undefined;
    const all = [...(status?.initContainerStatuses ?? []), ...(status?.containerStatuses ?? [])];
    for (const cs of all.filter((c) => check.container === undefined || c.name === check.container)) {
      const got = describeState(cs);
      if (got.state === check.state && (check.reason === undefined || got.reason === check.reason))
        return pass(`Pod ${nameOf(pod)} container ${cs.name} is ${want}`);
      seen.push(`${nameOf(pod)}/${cs.name} is ${got.state}${got.reason !== undefined ? ` (${got.reason})` : ""}`);
    }
  }
  const found = seen.length > 0 ? seen.slice(0, 3).join(", ") : `no ${container} status yet`;
  return fail(`${label}: ${found}; the step wants ${container} ${want}`);
};
