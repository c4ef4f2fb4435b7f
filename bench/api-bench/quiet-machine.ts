import { readFileSync } from "node:fs";

/**
 * Waits (at most `maxWaitMs`) until the machine's busy time over half a second is below `thresholdPct` of one
 * core, so a phase does not start while another job (a test run, a build) is using the cores. Returns how long
 * it waited and the last busy share seen.
 */
export async function waitForQuietMachine(maxWaitMs: number, thresholdPct: number): Promise<{ waitedMs: number; busyPct: number }> {
  const started = performance.now();
  for (;;) {
    const before = busyTicks();
    const at = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const busyPct = (100 * (busyTicks() - before) * 10) / (performance.now() - at);
    const waitedMs = performance.now() - started;
    if (busyPct < thresholdPct || waitedMs >= maxWaitMs) return { waitedMs, busyPct };
  }
}

/** Busy jiffies (10 ms each) of all cores together, from /proc/stat. */
function busyTicks(): number {
  const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1, 9).map(Number);
  return fields.reduce((a, b) => a + b, 0) - (fields[3] ?? 0) - (fields[4] ?? 0);
}
