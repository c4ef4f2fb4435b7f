import { setMaxListeners } from "node:events";
import { clusterAdmission } from "../../api/admission/cluster-admission";
import { bootstrapCluster } from "../../api/bootstrap-cluster";
import { InProcessClient } from "../../api/in-process-client";
import { rbacSourceFromStore } from "../../api/rbac-store-source";
import { ResourceRegistry } from "../../api/resources/resource-registry";
import { nameSuffixAlphabet, type ApiContext } from "../../api/rest/api-context";
import { serveRequest, type AuditRecord } from "../../api/serve-request";
import { createRbacAuthorizer } from "../../auth/rbac-authorizer";
import type { UserInfo } from "../../auth/user-info";
import { ManualClock } from "../../clock";
import { MemoryObjectStore } from "../../store/memory-object-store";
import type { ObjectStore } from "../../store/object-store";
import { storeContainerRuntime } from "../../sandbox/container-runtime";
import type { WrittenRevisions } from "../runtime/controller-client";
import { fieldManagerOf } from "../runtime/field-manager-of";
import { ControllerClient } from "../runtime/controller-client";
import type { Controller } from "../runtime/controller";
import { apiListWatch } from "../runtime/api-list-watch";
import { InformerSet } from "../runtime/informer-set";
import { runPass, type ExpectationStore } from "../runtime/run-pass";
import { instantSimulation, type SimulationConfig } from "../runtime/simulation-config";
import { enqueueInitialKeys, wireControllers } from "../runtime/wire-controllers";
import { servedResources } from "../runtime/served-resources";
import { MemoryWorkQueue } from "./memory-work-queue";

const admin: UserInfo = { username: "test:admin", uid: "admin", groups: ["system:masters", "system:authenticated"] };

/** Real-time sleep that ends early on abort (informer retries and catch-up timeouts in tests). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    // The listener goes when the timer fires: signals are long-lived and shared by many sleeps.
    const onAbort = () => (clearTimeout(timer), resolve());
    const timer = setTimeout(() => (signal.removeEventListener("abort", onAbort), resolve()), ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export type TestClusterOptions = {
  config?: Partial<SimulationConfig>;
  random?: () => number;
  /** What the API serves from, around the in-memory store (e.g. a LaggingStore to hold one informer's watch back). */
  wrapStore?: (store: MemoryObjectStore) => ObjectStore;
};

/**
 * The whole control loop in one process for unit tests: an in-memory store behind the real API path, informers
 * fed by real watches, controllers, and a deterministic work queue on a manual clock. `settle()` runs passes
 * until nothing is left to do, so tests assert the state the cluster converges to.
 */
export async function startTestCluster(controllers: Controller[], options: TestClusterOptions = {}) {
  const clock = new ManualClock(new Date("2026-03-01T10:00:00Z"));
  const store = new MemoryObjectStore({ clock });
  let uid = 0;
  let suffix = 0;
  const ctx: ApiContext = {
    store: options.wrapStore?.(store) ?? store,
    registry: new ResourceRegistry(),
    clock,
    cluster: "test",
    newUid: () => `uid-${++uid}`,
    randomSuffix: () => {
      let n = ++suffix;
      let text = "";
      for (let i = 0; i < 5; i++, n = Math.floor(n / 27)) text = (nameSuffixAlphabet[n % 27] ?? "b") + text;
      return text;
    },
  };
  await bootstrapCluster(ctx);
  const authorizer = createRbacAuthorizer(rbacSourceFromStore(store, ctx.cluster));
  const admission = clusterAdmission(ctx, authorizer);
  const audit: AuditRecord[] = [];
  let t = 0;
  const serve = (request: Parameters<typeof serveRequest>[1]) =>
    serveRequest(
      { ctx, authorizer, admission, registry: ctx.registry, serverAddress: "test:6443", authorize: (a) => authorizer.authorize(a), elapsedMs: () => ++t, audit: (r) => audit.push(r) },
      request,
    );
  const client = new InProcessClient(serve, admin);
  const informers = new InformerSet((resource) => apiListWatch(client, resource), { sleep, onError: (e) => console.error("informer", e) });
  const queue = new MemoryWorkQueue(clock);
  wireControllers(controllers, informers, queue);
  const stop = new AbortController();
  // Every informer's watch listens on it: more than Node's default of 10 is expected, not a leak.
  setMaxListeners(64, stop.signal);
  await informers.start(stop.signal);
  enqueueInitialKeys(controllers, queue);

  const remembered = new Map<string, WrittenRevisions>();
  const expectations: ExpectationStore = {
    get: (c, k) => Promise.resolve(remembered.get(`${c}/${k}`)),
    set: (c, k, r) => (remembered.set(`${c}/${k}`, r), Promise.resolve()),
  };
  const byName = new Map(controllers.map((c) => [c.name, c]));
  const config = { ...instantSimulation, ...options.config };
  const errors: { controller: string; key: string; error: unknown }[] = [];
  const runtime = storeContainerRuntime(store, ctx.cluster);

  /** Lets watches deliver what has been written, until the queue stops growing. */
  async function flush() {
    for (let i = 0; i < 5; i++) await turn();
  }

  /**
   * Runs passes until no key is ready. With `advanceTimersUpTo` (ms), also moves the clock to pending timers no
   * later than that far ahead, as time passing in a real cluster would. Throws if it does not settle.
   */
  async function settle(settleOptions: { advanceTimersUpTo?: number; maxPasses?: number } = {}) {
    const limit = settleOptions.maxPasses ?? 5_000;
    const horizon = clock.now().getTime() + (settleOptions.advanceTimersUpTo ?? 0);
    for (let passes = 0; ; passes++) {
      if (passes > limit) throw new Error(`controllers did not settle within ${limit} passes`);
      await flush();
      let item = queue.take();
      if (!item) {
        const due = queue.nextDue();
        if (due === undefined || due > horizon) return;
        clock.advance(due - clock.now().getTime());
        item = queue.take();
        if (!item) continue;
      }
      const controller = byName.get(item.controller);
      if (!controller) continue;
      const outcome = await runPass(
        {
          informers,
          expectations,
          clock,
          config,
          random: options.random ?? (() => 0.5),
          discovery: () => servedResources(ctx.registry),
          containerRuntime: runtime,
          clientFor: (c) => new ControllerClient(new InProcessClient(serve, { username: c.username, uid: c.username, groups: ["system:masters", "system:authenticated"] }, fieldManagerOf(c))),
          catchUpTimeoutMs: 1_000,
        },
        controller,
        item.key,
      );
      if (outcome.kind === "retry") {
        errors.push({ controller: item.controller, key: item.key, error: outcome.error });
        queue.addAfter(item.controller, item.key, 10);
      } else if (outcome.requeueAfterMs !== undefined) {
        queue.addAfter(item.controller, item.key, outcome.requeueAfterMs);
      }
    }
  }

  return {
    clock,
    store,
    client,
    informers,
    queue,
    audit,
    errors,
    /** The simulated container runtime (what `kubectl exec` writes into a container goes here). */
    runtime,
    settle,
    async stop() {
      stop.abort();
      await informers.stopped();
    },
  };
}

export type TestCluster = Awaited<ReturnType<typeof startTestCluster>>;
