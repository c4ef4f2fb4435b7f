import type pg from "pg";
import { pingCheck, type HealthCheck, type HealthChecks } from "@/lib/cluster/api/health-checks";

/** kube-apiserver's default --etcd-healthcheck-timeout and --etcd-readycheck-timeout. */
const STORE_TIMEOUT_MS = 2_000;

/**
 * The API server's health checks. The store is Postgres, but its checks keep Kubernetes' names (`etcd`,
 * `etcd-readiness`), which is what scripts and monitoring look for in `/readyz?verbose`.
 */
export function apiHealthChecks(pool: pg.Pool): HealthChecks {
  const store = (name: string): HealthCheck => ({ name, check: () => reachable(pool) });
  return {
    livez: [pingCheck, store("etcd")],
    healthz: [pingCheck, store("etcd")],
    readyz: [pingCheck, store("etcd"), store("etcd-readiness")],
  };
}

async function reachable(pool: pg.Pool): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the store did not answer within ${STORE_TIMEOUT_MS} ms`)), STORE_TIMEOUT_MS);
  });
  try {
    await Promise.race([pool.query("SELECT 1"), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
