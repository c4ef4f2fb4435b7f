import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";

/** The process's memory in megabytes (10^6 bytes): V8's live heap and the resident set (heap, code, buffers, native allocations). */
export type Memory = { heapMB: number; rssMB: number };

// Megabytes as the targets state them (10^6 bytes), not MiB.
const MB = 1e6;

export function memoryNow(): Memory {
  const m = process.memoryUsage();
  return { heapMB: m.heapUsed / MB, rssMB: m.rss / MB };
}

let gc: (() => void) | undefined;

/**
 * A full garbage collection, so what is measured is what is still referenced. The benchmark runs under plain
 * `node` (bench/run-bundled.mjs passes no --expose-gc), so the flag is set at run time and `gc` taken from a
 * fresh context, where V8 installs it.
 */
export async function collectGarbage(): Promise<void> {
  if (!gc) {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  }
  // Twice, with a turn of the event loop between: finalizers and weak callbacks of the first pass free more.
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
}

/** Samples memory every `everyMs` until stopped: the mean and the peak of what it saw. */
export function sampleMemory(everyMs: number): () => { mean: Memory; peak: Memory } {
  const seen: Memory[] = [memoryNow()];
  const timer = setInterval(() => seen.push(memoryNow()), everyMs);
  return () => {
    clearInterval(timer);
    seen.push(memoryNow());
    const mean = (f: (m: Memory) => number) => seen.reduce((sum, m) => sum + f(m), 0) / seen.length;
    const peak = (f: (m: Memory) => number) => Math.max(...seen.map(f));
    return { mean: { heapMB: mean((m) => m.heapMB), rssMB: mean((m) => m.rssMB) }, peak: { heapMB: peak((m) => m.heapMB), rssMB: peak((m) => m.rssMB) } };
  };
}
