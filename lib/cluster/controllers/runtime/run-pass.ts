import { ApiError } from "../../api/status";
import type { ControllerClient, WrittenRevisions } from "./controller-client";
import type { Controller, ReconcileContext, ReconcileResult } from "./controller";
import { eventRecorder } from "./event-recorder";
import type { InformerSet } from "./informer-set";

/** Where the revisions a pass wrote are kept until the next pass of the same key (Redis in production). */
export interface ExpectationStore {
  get(controller: string, key: string): Promise<WrittenRevisions | undefined>;
  set(controller: string, key: string, revisions: WrittenRevisions): Promise<void>;
}

export type PassDeps = Omit<ReconcileContext, "client" | "cache" | "events"> & {
  informers: InformerSet;
  expectations: ExpectationStore;
  clientFor: (controller: Controller) => ControllerClient;
  /** How long a pass waits for the cache to catch up with the previous pass's writes. */
  catchUpTimeoutMs: number;
};

export type PassOutcome =
  | { kind: "done"; requeueAfterMs?: number }
  /** Worth retrying soon with backoff: a conflict (stale cache), a server hiccup. */
  | { kind: "retry"; error: unknown };

/**
 * One reconcile of one key. Before reading, it waits until every informer has seen the writes the previous
 * pass of this key made (so a ReplicaSet never counts its pods from a cache that predates its own creates,
 * whichever worker process runs it). Errors become a retry, never a crash of the worker.
 */
export async function runPass(deps: PassDeps, controller: Controller, key: string): Promise<PassOutcome> {
  const expected = await deps.expectations.get(controller.name, key);
  if (expected) await deps.informers.waitForWrites(expected, deps.catchUpTimeoutMs);
  const client = deps.clientFor(controller);
  const ctx: ReconcileContext = {
    cache: deps.informers,
    client,
    clock: deps.clock,
    config: deps.config,
    random: deps.random,
    discovery: deps.discovery,
    ...(deps.containerRuntime ? { containerRuntime: deps.containerRuntime } : {}),
    events: eventRecorder({ client, cache: deps.informers, clock: deps.clock, component: controller.component, random: deps.random }),
  };
  let result: ReconcileResult;
  try {
    result = await controller.reconcile(ctx, key);
  } catch (error) {
    await ctx.events.flush();
    await remember(deps, controller, key, client);
    return { kind: "retry", error };
  }
  await ctx.events.flush();
  await remember(deps, controller, key, client);
  return { kind: "done", ...(result?.requeueAfterMs !== undefined ? { requeueAfterMs: result.requeueAfterMs } : {}) };
}

async function remember(deps: PassDeps, controller: Controller, key: string, client: ControllerClient): Promise<void> {
  if (Object.keys(client.written).length > 0) await deps.expectations.set(controller.name, key, client.written);
}

/** Conflicts and "not found" on a stale cache are routine; anything else is worth a log line. */
export function isRoutine(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 409 || error.code === 404);
}
