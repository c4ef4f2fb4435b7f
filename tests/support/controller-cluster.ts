import { afterAll, beforeAll } from "vitest";
import { startTestApiServer, type TestApiServer, type TestUser } from "./api-server";
import { startControllerWorker, type TestWorker } from "./controller-worker";
import { kubectl, kubectlBinary, type KubectlResult } from "./kubectl";

/**
 * A whole simulated cluster for an integration test file: the real API server over a throwaway database, a
 * worker process running every controller, an admin user and real kubectl 1.35. Call it at the top level of a
 * test file; the fields are usable inside tests and hooks, once `beforeAll` has run.
 */
export type ControllerCluster = {
  readonly server: TestApiServer;
  readonly worker: TestWorker;
  readonly admin: TestUser;
  /** The kubectl binary the helpers run. */
  readonly bin: string;
  // Function-valued properties rather than methods: none uses `this`, so a test file may take them out
  // (`const { k } = cluster`) without tripping unbound-method.
  /** kubectl as the admin; never throws (assert on `code` and `stderr`). */
  run: (args: string[], options?: { input?: string; timeoutMs?: number }) => Promise<KubectlResult>;
  /** kubectl as the admin; stdout, or throws with kubectl's stderr and the worker's recent output. */
  k: (...args: string[]) => Promise<string>;
  /** `k` with `-n namespace` in front. */
  inNamespace: (namespace: string) => (...args: string[]) => Promise<string>;
  /** `kubectl apply -f -` of a manifest as the admin; throws like `k`. */
  apply: (manifest: string, namespace?: string) => Promise<string>;
};

/**
 * Setup runs the API server, `beforeWorker`, the worker, then the admin user; teardown runs `beforeStop`, stops the
 * worker, runs `afterWorker`, then stops the API server.
 */
export type ControllerClusterOptions = {
  /** Extra environment for the worker process (e.g. REDIS_URL through a proxy). */
  workerEnv?: () => Record<string, string>;
  /** Runs before the worker starts (e.g. opening a proxy the worker connects through). */
  beforeWorker?: () => Promise<void>;
  /** Runs first at teardown, while the worker still runs (e.g. reopening a relay it needs to shut down cleanly). */
  beforeStop?: () => Promise<void>;
  /** Runs at teardown once the worker has stopped, before the API server does (e.g. closing that relay). */
  afterWorker?: () => Promise<void>;
  /** How long one kubectl call may take; defaults to 60 s. */
  timeoutMs?: number;
  /** Install the classroom's book fixtures (StorageClasses fast/slow/flash, the Book CRD), as production does. */
  classroomFixtures?: boolean;
};

export function useControllerCluster(options: ControllerClusterOptions = {}): ControllerCluster {
  let server: TestApiServer | undefined;
  let worker: TestWorker | undefined;
  let admin: TestUser | undefined;
  let bin: string | undefined;
  const timeoutMs = options.timeoutMs ?? 60_000;

  beforeAll(async () => {
    server = await startTestApiServer({ classroomFixtures: options.classroomFixtures ?? false });
    await options.beforeWorker?.();
    worker = startControllerWorker(server.databaseUrl, options.workerEnv?.() ?? {});
    admin = await server.user("admin@test.local", "ADMIN");
    bin = kubectlBinary(35);
  }, 120_000);

  afterAll(async () => {
    // Every step runs even when one before it failed, so a failing hook never leaks a worker or a database.
    const steps = [options.beforeStop, () => worker?.stop(), options.afterWorker, () => server?.stop()];
    const failures: unknown[] = [];
    for (const step of steps) {
      try {
        await step?.();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`useControllerCluster: ${what} is not started (used outside a test or hook?)`);
    return value;
  };

  const cluster: ControllerCluster = {
    get server() {
      return ready(server, "the API server");
    },
    get worker() {
      return ready(worker, "the worker");
    },
    get admin() {
      return ready(admin, "the admin user");
    },
    get bin() {
      return ready(bin, "kubectl");
    },
    run: (args, runOptions = {}) =>
      kubectl(cluster.bin, cluster.admin.kubeconfig, args, { timeoutMs, ...runOptions }),
    k: async (...args) => succeed(args, await cluster.run(args)),
    inNamespace: (namespace) => (...args) => cluster.k("-n", namespace, ...args),
    apply: async (manifest, namespace) => {
      const args = [...(namespace ? ["-n", namespace] : []), "apply", "-f", "-"];
      return succeed(args, await cluster.run(args, { input: manifest }));
    },
  };

  function succeed(args: string[], result: KubectlResult): string {
    if (result.code !== 0) {
      throw new Error(`kubectl ${args.join(" ")} failed (exit ${result.code}): ${result.stderr}\n${worker?.process.output() ?? ""}`);
    }
    return result.stdout;
  }

  return cluster;
}
