// serviceSelects (a Service's selector against the pods) and endpointsReady (what the EndpointSlices say).
import type { z } from "zod";
import type { endpointsReadyCheck, serviceSelectsCheck } from "../check-schema";
import { countMatches, matchesLabels, nameOf, plural, showSelector, wanted } from "./kube-helpers";
import { fail, pass, type CheckEvaluator } from "./types";

export const evaluateServiceSelects: CheckEvaluator<z.output<typeof serviceSelectsCheck>> = async (check, ctx) => {
  const svc = await ctx.find("Service", check.service);
  if (!svc) return fail(`Service ${check.service} not found; the step wants it to select pods`);
  const selector = (svc.spec as { selector?: Record<string, string> } | undefined)?.selector;
  if (!selector || Object.keys(selector).length === 0)
    return fail(`Service ${check.service} has no selector; the step wants it to select pods`);
  const pods = await ctx.list("Pod");
  const selected = pods.filter((p) => matchesLabels(p, selector));
  const text = `Service ${check.service} (selector ${showSelector(selector)}) selects ${plural(selected.length, "pod")}`;
  if ((check.count !== undefined || check.min !== undefined) && !countMatches(selected.length, check))
    return fail(`${text}; the step wants ${wanted(check)}`);
  if (check.podSelector) {
    const wantedPods = pods.filter((p) => matchesLabels(p, check.podSelector ?? {}));
    if (wantedPods.length === 0)
      return fail(`no pods have labels ${showSelector(check.podSelector)}; the step wants Service ${check.service} to select them`);
    const missed = wantedPods.filter((p) => !matchesLabels(p, selector)).map(nameOf);
    if (missed.length > 0)
      return fail(`${text}, missing ${missed.slice(0, 3).join(", ")}; the step wants every pod with labels ${showSelector(check.podSelector)}`);
  }
  return pass(text);
};

type Slice = { endpoints?: { conditions?: { ready?: boolean } }[] };
type Endpoints = { subsets?: { addresses?: unknown[] }[] };

export const evaluateEndpointsReady: CheckEvaluator<z.output<typeof endpointsReadyCheck>> = async (check, ctx) => {
  const svc = await ctx.find("Service", check.service);
  if (!svc) return fail(`Service ${check.service} not found; the step wants ${wanted(check)} ready endpoints`);
  const slices = (await ctx.list("EndpointSlice")).filter(
    (s) => s.metadata?.labels?.["kubernetes.io/service-name"] === check.service,
  );
  let ready: number;
  if (slices.length > 0) {
    // A nil ready condition means ready (discovery/v1 semantics).
    ready = slices.reduce((n, s) => n + ((s as Slice).endpoints ?? []).filter((e) => e.conditions?.ready !== false).length, 0);
  } else {
    const ep = (await ctx.find("Endpoints", check.service)) as Endpoints | undefined;
    ready = (ep?.subsets ?? []).reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
  }
  const text = `Service ${check.service} has ${plural(ready, "ready endpoint")}`;
  return countMatches(ready, check) ? pass(text) : fail(`${text}; the step wants ${wanted(check)}`);
};
