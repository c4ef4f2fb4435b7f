// canI: a SubjectAccessReview answered by the cluster (as the platform), never by anything the learner sends.
import type { z } from "zod";
import type { canICheck } from "../check-schema";
import type { LabSubject } from "../lab-cluster";
import { fail, pass, type CheckEvaluator } from "./types";

export const evaluateCanI: CheckEvaluator<z.output<typeof canICheck>> = async (check, ctx) => {
  const subject: LabSubject =
    check.serviceAccount !== undefined
      ? { serviceAccount: check.serviceAccount }
      : { user: check.user ?? "", ...(check.groups ? { groups: check.groups } : {}) };
  const allowed = await ctx.cluster.canI(subject, {
    verb: check.verb,
    resource: check.resource,
    ...(check.apiGroup !== undefined ? { apiGroup: check.apiGroup } : {}),
    ...(check.subresource !== undefined ? { subresource: check.subresource } : {}),
    ...(check.name !== undefined ? { name: check.name } : {}),
  });
  const who = check.serviceAccount !== undefined ? `ServiceAccount ${check.serviceAccount}` : `User ${check.user ?? ""}`;
  const resource = `${check.resource}${check.subresource !== undefined ? `/${check.subresource}` : ""}${check.name !== undefined ? ` ${check.name}` : ""}`;
  const answer = allowed ? "yes" : "no";
  const text = `can ${who} ${check.verb} ${resource}? ${answer}`;
  return answer === check.expect ? pass(text) : fail(`${text}; the step wants ${check.expect}`);
};
