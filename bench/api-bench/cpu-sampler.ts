import { readdirSync, readFileSync } from "node:fs";

/** CPU time so far (ms): this process, the whole machine, interrupts, and each live process. */
export type CpuSnapshot = { at: number; self: number; machineBusy: number; irq: number; processes: Map<number, { comm: string; ms: number }> };

/**
 * Shares of one core (100 = one core fully busy) over an interval. `others` are the busiest processes that
 * are neither the server, the load generator nor Postgres (another user's test run, say).
 */
export type CpuShares = {
  server: number;
  client: number;
  postgres: number;
  /** Interrupt time; the kernel also charges it to whichever process was interrupted, so it overlaps the rest. */
  irq: number;
  machine: number;
  others: string[];
};

const TICK_MS = 10; // USER_HZ is 100 on Linux

export function cpuSnapshot(): CpuSnapshot {
  const self = process.cpuUsage();
  const [busy, irq] = machineTicks();
  return { at: performance.now(), self: (self.user + self.system) / 1000, machineBusy: busy * TICK_MS, irq: irq * TICK_MS, processes: processTimes() };
}

/** `client` is the load generator's pid and `clientCpuMs` what it reported for itself over the interval. */
export function cpuShares(before: CpuSnapshot, after: CpuSnapshot, client: { pid: number | undefined; cpuMs: number }): CpuShares {
  const wall = after.at - before.at;
  const share = (ms: number) => (100 * ms) / wall;
  let postgres = 0;
  const others = new Map<string, number>();
  for (const [pid, now] of after.processes) {
    const used = now.ms - (before.processes.get(pid)?.ms ?? 0);
    if (used <= 0 || pid === process.pid || pid === client.pid) continue;
    if (now.comm === "postgres") postgres += used;
    else others.set(`${now.comm}[${pid}]`, used);
  }
  return {
    server: share(after.self - before.self),
    client: share(client.cpuMs),
    postgres: share(postgres),
    irq: share(after.irq - before.irq),
    // Busy time of all cores together (200 = both of two cores busy).
    machine: share(after.machineBusy - before.machineBusy),
    others: [...others.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .filter(([, ms]) => share(ms) >= 1)
      .map(([name, ms]) => `${name} ${share(ms).toFixed(0)}%`),
  };
}

/** [busy, of which irq + softirq] jiffies of all cores together. */
function machineTicks(): [number, number] {
  const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return [total - (fields[3] ?? 0) - (fields[4] ?? 0), (fields[5] ?? 0) + (fields[6] ?? 0)];
}

/** utime + stime of every live process (processes that exited in between are not counted). */
function processTimes(): Map<number, { comm: string; ms: number }> {
  const times = new Map<number, { comm: string; ms: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const close = stat.lastIndexOf(")");
    const fields = stat.slice(close + 2).split(" ");
    const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    if (ms > 0) times.set(Number(entry), { comm: stat.slice(stat.indexOf("(") + 1, close), ms });
  }
  return times;
}
