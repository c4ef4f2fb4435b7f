import { badRequest } from "../status";
import type { ApiContext } from "./api-context";
import { deleteObject, type DeleteOptions, type DeleteResult } from "./delete-object";
import { getObject } from "./get-object";
import type { Target } from "./target";

type EvictionBody = { metadata?: { name?: unknown; namespace?: unknown }; deleteOptions?: unknown };

/**
 * POST pods/{name}/eviction (policy/v1 or v1beta1 Eviction, what `kubectl drain` sends): deletes the pod with the
 * Eviction's deleteOptions and answers 201 with a Success Status, as kube-apiserver's EvictionREST does.
 * PodDisruptionBudgets are not served yet, so no eviction is ever refused with 429 TooManyRequests.
 */
export async function evictPod(
  ctx: ApiContext,
  target: Target,
  decoded: unknown,
  options: { dryRun: boolean; committed?: (result: DeleteResult) => Promise<void> },
): Promise<{ kind: "Status"; apiVersion: "v1"; metadata: Record<string, never>; status: "Success"; code: 201 }> {
  const body = (typeof decoded === "object" && decoded !== null ? decoded : {}) as EvictionBody;
  if ((body.metadata?.name ?? "") !== target.name) throw badRequest("name in URL does not match name in Eviction object");
  const namespace = body.metadata?.namespace;
  if (typeof namespace === "string" && namespace !== "" && namespace !== target.namespace) {
    throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
  }
  const deleteOptions = readDeleteOptions(body.deleteOptions, options.dryRun);
  const pod = { ...target, subresource: "" };
  await getObject(ctx, pod);
  const result = await deleteObject(ctx, pod, deleteOptions);
  if (!deleteOptions.dryRun) await options.committed?.(result);
  return { kind: "Status", apiVersion: "v1", metadata: {}, status: "Success", code: 201 };
}

/** The Eviction's deleteOptions; its dryRun and the request's must agree when both are given. */
function readDeleteOptions(raw: unknown, dryRunQuery: boolean): DeleteOptions {
  if (raw === undefined || raw === null) return { dryRun: dryRunQuery };
  if (typeof raw !== "object" || Array.isArray(raw)) throw badRequest("deleteOptions in an Eviction must be a DeleteOptions object");
  const o = raw as Record<string, unknown>;
  const options: DeleteOptions = {};
  if (o.gracePeriodSeconds !== undefined && o.gracePeriodSeconds !== null) {
    if (typeof o.gracePeriodSeconds !== "number" || !Number.isInteger(o.gracePeriodSeconds)) {
      throw badRequest(`gracePeriodSeconds: Invalid value: ${JSON.stringify(o.gracePeriodSeconds)}: must be an integer`);
    }
    options.gracePeriodSeconds = o.gracePeriodSeconds;
  }
  if (o.propagationPolicy !== undefined && o.propagationPolicy !== null) {
    if (o.propagationPolicy !== "Foreground" && o.propagationPolicy !== "Background" && o.propagationPolicy !== "Orphan") {
      throw badRequest(`propagationPolicy: Unsupported value: ${JSON.stringify(o.propagationPolicy)}: supported values: "Foreground", "Background", "Orphan"`);
    }
    options.propagationPolicy = o.propagationPolicy;
  }
  if (o.preconditions && typeof o.preconditions === "object") options.preconditions = o.preconditions;
  const bodyDryRun = Array.isArray(o.dryRun) ? o.dryRun.filter((v): v is string => typeof v === "string") : [];
  if (bodyDryRun.length > 0 && dryRunQuery && !(bodyDryRun.length === 1 && bodyDryRun[0] === "All")) {
    throw badRequest(`Non-matching dry-run options in request and content: [All] and [${bodyDryRun.join(" ")}]`);
  }
  options.dryRun = dryRunQuery || bodyDryRun.includes("All");
  return options;
}
