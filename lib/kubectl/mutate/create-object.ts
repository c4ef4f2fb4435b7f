/** Sends a generated object (`kubectl create deployment …`, `run`, `expose`) and prints the result. */
import type { JsonObject } from "../../cluster/api/patch/json-value";
import { KubeApiError } from "../client/kube-api-error";
import type { CommandContext } from "../command";
import { CommandError } from "../errors";
import { parseDryRun, writeQuery } from "./dry-run";
import { printResult } from "./print-result";

export type CreateTarget = {
  /** The collection's path: `/apis/apps/v1/namespaces/dev/deployments`. */
  path: string;
  /** `deployment.apps`. */
  prefix: string;
  /** kubectl's wrapper for API failures, e.g. "failed to create deployment"; none prints the server's error. */
  failure?: string;
  fieldManager?: string;
  verb?: string;
};

export async function createObject(ctx: CommandContext, target: CreateTarget, object: JsonObject): Promise<number> {
  const dryRun = parseDryRun(ctx.flags.string("dry-run"));
  let result: unknown = object;
  const name = String((object.metadata as { name?: string } | undefined)?.name ?? "");
  if (dryRun !== "client") {
    try {
      result = await ctx.client.create(target.path, asSent(object), writeQuery(target.fieldManager ?? "kubectl-create", dryRun));
    } catch (error) {
      if (target.failure && error instanceof KubeApiError) throw new CommandError(`${target.failure}: ${error.message}`);
      throw error;
    }
  }
  printResult(ctx, target.prefix, name, target.verb ?? "created", result, dryRun);
  return 0;
}

/** A namespaced collection's path in the core group or a named one. */
export function collectionPath(groupVersion: string, plural: string, namespace?: string): string {
  const base = groupVersion.includes("/") ? `/apis/${groupVersion}` : `/api/${groupVersion}`;
  return namespace === undefined ? `${base}/${plural}` : `${base}/namespaces/${encodeURIComponent(namespace)}/${plural}`;
}

/** The namespace generators write into the object: only an explicit -n (kubectl's EnforceNamespace). */
export function enforcedNamespace(ctx: CommandContext): string | undefined {
  return ctx.namespaceExplicit ? ctx.namespace : undefined;
}

/**
 * The body as kubectl's typed clients send it: every nested ObjectMeta (pod templates, job templates) carries a
 * zero creationTimestamp, which the API server keeps as `creationTimestamp: null` — visible in `get -o yaml`.
 */
export function asSent(object: JsonObject): JsonObject {
  const copy = structuredClone(object);
  const stamp = (holder: unknown, ...path: string[]) => {
    let at: unknown = holder;
    for (const key of path) at = at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined;
    if (at && typeof at === "object" && !Array.isArray(at)) (at as Record<string, unknown>).creationTimestamp = null;
  };
  stamp(copy, "spec", "template", "metadata");
  stamp(copy, "spec", "jobTemplate", "metadata");
  stamp(copy, "spec", "jobTemplate", "spec", "template", "metadata");
  return copy;
}
