import type { LoadResult } from "./protocol";
import { percentile, Samples } from "./stats";

/**
 * `clients` loops, each issuing its next request as soon as the last one answered. The first `warmupSeconds`
 * are not counted; after that, every request that completes inside the `seconds`-long window counts towards
 * throughput and latency. An operation reports failure by throwing.
 */
export async function closedLoop(
  clients: number,
  warmupSeconds: number,
  seconds: number,
  operation: (client: number, iteration: number) => Promise<void>,
): Promise<LoadResult> {
  const started = performance.now();
  const windowStart = started + warmupSeconds * 1000;
  const windowEnd = windowStart + seconds * 1000;
  const latencies = new Samples();
  let ok = 0;
  let errors = 0;
  let firstError: string | undefined;

  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() < windowEnd; i++) {
        const sent = performance.now();
        let failed = false;
        try {
          await operation(client, i);
        } catch (error) {
          failed = true;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
        const done = performance.now();
        if (done < windowStart || done > windowEnd) continue;
        if (failed) {
          errors++;
          continue;
        }
        ok++;
        latencies.push(done - sent);
      }
    }),
  );
  const values = latencies.values();
  return {
    ok,
    errors,
    ...(firstError !== undefined ? { firstError } : {}),
    perSecond: ok / seconds,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: percentile(values, 100),
  };
}
