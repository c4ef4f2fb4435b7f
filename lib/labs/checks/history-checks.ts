// eventSeen, rolloutHappened and commandRun: things that happened rather than things that are.
import type { z } from "zod";
import type { commandRunCheck, eventSeenCheck, rolloutHappenedCheck } from "../check-schema";
import { expandKubectlAlias, matchesKubectl } from "./kubectl-command";
import { fail, pass, type CheckEvaluator } from "./types";

type Event = {
  reason?: string;
  message?: string;
  involvedObject?: { kind?: string; name?: string };
  lastTimestamp?: string;
  eventTime?: string;
  metadata?: { creationTimestamp?: string };
};

function eventTime(e: Event): number | undefined {
  const t = e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
  return t ? Date.parse(t) : undefined;
}

export const evaluateEventSeen: CheckEvaluator<z.output<typeof eventSeenCheck>> = async (check, ctx) => {
  // Event timestamps have whole seconds (as the API server writes them): an event a moment after the step
  // started may carry the step's own second, so the step counts from the start of that second.
  const since = ctx.since === undefined ? undefined : Math.floor(ctx.since.getTime() / 1000) * 1000;
  const events = ((await ctx.events()) as Event[]).filter((e) => {
    const t = eventTime(e);
    return since === undefined || t === undefined || t >= since;
  });
  const about = [
    check.involvedKind,
    check.involvedName ?? (check.involvedNamePrefix !== undefined ? `${check.involvedNamePrefix}*` : undefined),
  ].filter(Boolean).join(" ");
  const match = events.find(
    (e) =>
      e.reason === check.reason &&
      (check.involvedKind === undefined || e.involvedObject?.kind === check.involvedKind) &&
      (check.involvedName === undefined || e.involvedObject?.name === check.involvedName) &&
      (check.involvedNamePrefix === undefined || (e.involvedObject?.name ?? "").startsWith(check.involvedNamePrefix)) &&
      (check.messageContains === undefined || (e.message ?? "").includes(check.messageContains)),
  );
  const target = `event ${check.reason}${about ? ` for ${about}` : ""}${check.messageContains !== undefined ? ` saying "${check.messageContains}"` : ""}`;
  if (match) return pass(`saw ${target}`);
  const reasons = [...new Set(events.map((e) => e.reason ?? ""))].filter(Boolean).slice(0, 5);
  return fail(`no ${target}${since !== undefined ? " since the step started" : ""} (seen: ${reasons.join(", ") || "none"}); the step wants one`);
};

export const evaluateRolloutHappened: CheckEvaluator<z.output<typeof rolloutHappenedCheck>> = async (check, ctx) => {
  const deploy = await ctx.find("Deployment", check.deployment);
  if (!deploy) return fail(`Deployment ${check.deployment} not found; the step wants revision ${check.minRevision} or later`);
  const revision = Number(deploy.metadata?.annotations?.["deployment.kubernetes.io/revision"] ?? "0");
  const text = `Deployment ${check.deployment} is at revision ${revision}`;
  return revision >= check.minRevision ? pass(text) : fail(`${text}; the step wants at least ${check.minRevision}`);
};

export const evaluateCommandRun: CheckEvaluator<z.output<typeof commandRunCheck>> = async (check, ctx) => {
  const commands = await ctx.commands();
  const regex = check.pattern !== undefined ? new RegExp(check.pattern) : undefined;
  const kubectl = check.kubectl;
  const matches = (line: string): boolean =>
    regex ? regex.test(line) || regex.test(expandKubectlAlias(line)) : kubectl ? matchesKubectl(line, kubectl) : false;
  const hit = commands.find((c) => matches(c.line));
  const want = regex ? `command matching /${check.pattern ?? ""}/` : `kubectl ${kubectl?.verb ?? ""}${kubectl?.resource ? ` ${kubectl.resource}` : ""}`;
  if (hit) return pass(`ran ${hit.line.trim()}`);
  const recent = commands.slice(-3).map((c) => c.line.trim());
  const scope = ctx.since ? " in this step" : "";
  return fail(`no ${want} was run${scope} (last: ${recent.join("; ") || "nothing"}); the step wants one`);
};
