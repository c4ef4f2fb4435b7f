import { Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type pg from "pg";
import type { Logger } from "pino";
import { bootstrapCluster } from "@/lib/cluster/api/bootstrap-cluster";
import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import { apiListWatch } from "@/lib/cluster/controllers/runtime/api-list-watch";
import type { Controller } from "@/lib/cluster/controllers/runtime/controller";
import { fieldManagerOf } from "@/lib/cluster/controllers/runtime/field-manager-of";
import { ControllerClient } from "@/lib/cluster/controllers/runtime/controller-client";
import { InformerSet } from "@/lib/cluster/controllers/runtime/informer-set";
import { isRoutine, runPass, type PassDeps } from "@/lib/cluster/controllers/runtime/run-pass";
import { servedResources } from "@/lib/cluster/controllers/runtime/served-resources";
import type { SimulationConfig } from "@/lib/cluster/controllers/runtime/simulation-config";
import { REALISM_CONFIGMAP, simulationWith } from "@/lib/cluster/controllers/runtime/simulation-realism";
import { resources } from "@/lib/cluster/controllers/runtime/resource-id";
import { enqueueInitialKeys, resyncControllers, wireControllers } from "@/lib/cluster/controllers/runtime/wire-controllers";
import type { UserInfo } from "@/lib/cluster/auth/user-info";
import { storeContainerRuntime } from "@/lib/cluster/sandbox/container-runtime";
import { audited } from "@/lib/cluster/api/audit-policy";
import { createAuditSink } from "../apiserver/audit-sink";
import { createClusterApi, platformUser, type ClusterApi } from "../apiserver/cluster-api";
import { BullmqWorkQueue, controllerQueueName } from "./bullmq-work-queue";
import { redisExpectations } from "./redis-expectations";

export type ControllerManagerOptions = {
  pool: pg.Pool;
  redis: Redis;
  prefix: string;
  controllers: Controller[];
  config: SimulationConfig;
  log: Logger;
  /** Passes run at once per controller (different keys; one key never runs twice at once). */
  concurrency?: number;
};

export type ControllerManager = { api: ClusterApi; informers: InformerSet; close(): Promise<void> };

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    // The listener goes when the timer fires: signals are long-lived and shared by many sleeps.
    const onAbort = () => (clearTimeout(timer), resolve());
    const timer = setTimeout(() => (signal.removeEventListener("abort", onAbort), resolve()), ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });

/** A controller's identity: its own name for audit and managedFields, with the platform's authority. */
const identityOf = (controller: Controller): UserInfo => ({ username: controller.username, uid: controller.username, groups: platformUser.groups });

/**
 * Runs controllers in this process: informers that follow the API, the BullMQ work queue they feed, and one
 * BullMQ Worker per controller that runs passes. Several worker processes may run this at once: the queue
 * spreads keys between them and never runs one key twice at the same time.
 */
export async function startControllerManager(options: ControllerManagerOptions): Promise<ControllerManager> {
  const { log } = options;
  const audit = createAuditSink(options.pool, "default", (error) => log.warn({ err: error }, "audit write failed"));
  const api = createClusterApi({
    pool: options.pool,
    serverAddress: "in-process",
    // Controllers' writes are audited (who deleted that pod?); their reads, watches and Events are not.
    audit: (record) => {
      if (audited(record, "component")) audit.record(record);
    },
    onError: (error, context) => log.error({ err: error, context }, "controller API error"),
  });
  // The web process bootstraps the cluster too; whichever starts first does it (idempotent), so controllers
  // never wait on system namespaces such as kube-node-lease.
  await bootstrapCluster(api.ctx);
  const reader = new InProcessClient((request) => api.serve(request), { ...platformUser, username: "system:kube-controller-manager" });
  const informers = new InformerSet((resource) => apiListWatch(reader, resource), {
    sleep,
    onError: (error) => log.warn({ err: error instanceof Error ? error.message : error }, "informer watch failed; retrying"),
  });
  // Enqueues, dirty marks and expectations come in bursts (one informer event wakes several controllers, a pass
  // ends with a few of them): on their own connection with auto-pipelining, a burst is one socket write instead
  // of one per command. The Workers keep the caller's connection (BullMQ's blocking reads live on their own).
  const marks = options.redis.duplicate({ enableAutoPipelining: true, connectionName: "kubeclass:controller-marks" });
  // The caller's connection already reports an outage (once); this one only keeps ioredis from printing each retry.
  marks.on("error", (error: unknown) => log.debug({ err: describe(error) }, "controller marks connection error"));
  const queue = new BullmqWorkQueue(marks, options.prefix, (error) => log.warn({ err: error }, "enqueue failed"));
  wireControllers(options.controllers, informers, queue);
  // Followed whether or not a controller watches ConfigMaps: the realism level lives in one (see deps.config).
  informers.informer(resources.configmaps);
  const stop = new AbortController();
  await informers.start(stop.signal);
  enqueueInitialKeys(options.controllers, queue);

  const deps: PassDeps = {
    informers,
    expectations: redisExpectations(marks, options.prefix),
    clock: { now: () => new Date() },
    // Read at every pass, so a realism level set while the cluster runs applies from the next pass on.
    get config() {
      return simulationWith(options.config, informers.get(resources.configmaps, REALISM_CONFIGMAP.namespace, REALISM_CONFIGMAP.name));
    },
    random: Math.random,
    discovery: () => servedResources(api.ctx.registry),
    containerRuntime: storeContainerRuntime(api.ctx.store, api.ctx.cluster),
    clientFor: (controller) => new ControllerClient(new InProcessClient((request) => api.serve(request), identityOf(controller), fieldManagerOf(controller))),
    catchUpTimeoutMs: 2_000,
  };

  const failures = new Map<string, number>();
  const workers = options.controllers.map((controller) => {
    const processor = async (job: Job<{ key: string }>) => {
      const key = job.data.key;
      if (job.name === "timer") return queue.addNow(controller.name, key);
      queue.started(controller.name, key);
      // Not awaited alone: the pass's first command (its expectations) follows on the same pipelined
      // connection, so Redis clears the mark before the pass reads anything, in one round trip.
      const cleared = marks.del(queue.dirtyKey(controller.name, key));
      cleared.catch(() => undefined);
      const outcome = await runPass(deps, controller, key);
      await cleared;
      const failureKey = `${controller.name}\u0000${key}`;
      if (outcome.kind === "retry") {
        const count = (failures.get(failureKey) ?? 0) + 1;
        failures.set(failureKey, count);
        if (!isRoutine(outcome.error) || count > 5) log.warn({ controller: controller.name, key, attempt: count, err: describe(outcome.error) }, "reconcile failed; retrying");
        // client-go's default rate limiter: 5 ms doubling per failure, capped (here at 30 s).
        queue.addAfter(controller.name, key, Math.min(5 * 2 ** count, 30_000));
        return;
      }
      failures.delete(failureKey);
      if (outcome.requeueAfterMs !== undefined) queue.addAfter(controller.name, key, outcome.requeueAfterMs);
    };
    const worker = new Worker(controllerQueueName(controller.name), processor, {
      connection: options.redis,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 8,
      // A worker that dies mid-pass (SIGKILL, OOM) leaves its jobs active, and adding the same key again is a
      // no-op until BullMQ finds them stalled: with its defaults (30 s lock, 30 s check) a crashed worker's keys
      // stood still for up to a minute. Passes take milliseconds, so a 10 s lock checked every 5 s is safe.
      lockDuration: 10_000,
      stalledInterval: 5_000,
      // A key whose pass stalled twice is failed (and removed); the periodic resync brings it back.
    });
    worker.on("completed", (job: Job<{ key: string }>) => {
      if (job.name !== "reconcile") return;
      // A change arrived during the pass: run it again now that this job is gone.
      void marks
        .exists(queue.dirtyKey(controller.name, job.data.key))
        .then((dirty) => (dirty ? queue.addNow(controller.name, job.data.key) : undefined))
        .catch((error: unknown) => log.warn({ err: error }, "re-enqueue failed"));
    });
    worker.on("failed", (job, error) => log.warn({ controller: controller.name, key: job?.data.key, err: error.message }, "controller job failed"));
    worker.on("error", (error) => log.debug({ controller: controller.name, err: error.message }, "controller worker connection error"));
    return worker;
  });

  const resync = setInterval(() => resyncControllers(options.controllers, informers, queue), options.config.resyncMs);
  resync.unref();
  log.info({ controllers: options.controllers.map((c) => c.name) }, "controllers started");

  return {
    api,
    informers,
    async close() {
      clearInterval(resync);
      await Promise.all(workers.map((w) => w.close()));
      stop.abort();
      await informers.stopped();
      await queue.close();
      await marks.quit().catch(() => marks.disconnect());
      await audit.close();
      await api.close();
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
