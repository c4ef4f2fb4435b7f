// The benchmark's client process (forked by client-process.ts): N browser tabs over socket.io, each signed in as
// its own learner, typing a command on a schedule and timing it until the prompt is back.
import { percentile, Samples } from "../api-bench/stats";
import type { FromClient, OpenConfig, OpenResult, RunConfig, RunResult, ToClient } from "./protocol";
import { TerminalTab } from "./terminal-tab";

let tabs: TerminalTab[] = [];

const send = (message: FromClient) => process.send?.(message);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function open(config: OpenConfig): Promise<OpenResult> {
  const started = performance.now();
  const times: number[] = [];
  let failed = 0;
  let refusals = 0;
  let firstError: string | undefined;
  // All at once, like a class opening the terminal page together. A refused open is tried again after a second,
  // as a learner would on "Try again in a moment" (at most three tries); the time counts from the first.
  const opened = await Promise.all(
    config.cookies.map(async (cookie) => {
      const t0 = performance.now();
      let tab: TerminalTab | undefined;
      for (let attempt = 1; attempt <= 3; attempt++) {
        try {
          tab ??= await TerminalTab.connect(config.url, cookie);
          await tab.open(config.columns, config.rows, 60_000);
          times.push(performance.now() - t0);
          return tab;
        } catch (error) {
          refusals++;
          firstError ??= (error as Error).message;
          if (tab?.socket.disconnected) tab = undefined;
          await sleep(1000);
        }
      }
      tab?.close();
      failed++;
      return undefined;
    }),
  );
  tabs = opened.filter((t): t is TerminalTab => t !== undefined);
  return { opened: tabs.length, failed, refusals, ...(firstError ? { firstError } : {}), p50: percentile(times, 50), p95: percentile(times, 95), max: percentile(times, 100), wallMs: performance.now() - started };
}

/** What `kubectl get pods` prints when it worked: a table, or "No resources found in <ns> namespace.". */
const looksRight = (output: string) => /^NAME\s+READY\s+STATUS/m.test(output) || /^No resources found in \S+ namespace\.$/m.test(output);

async function run(config: RunConfig): Promise<RunResult> {
  const latencies = new Samples();
  const timerLag = new Samples();
  let errors = 0;
  let timeouts = 0;
  let skipped = 0;
  let firstError: string | undefined;
  const disconnectsBefore = tabs.reduce((sum, t) => sum + t.disconnects, 0);
  const t0 = performance.now();
  const measureFrom = t0 + config.warmupMs;
  const end = measureFrom + config.measureMs;
  let cpuBefore: NodeJS.CpuUsage | undefined;
  const cpuTimer = setTimeout(() => (cpuBefore = process.cpuUsage()), config.warmupMs);
  let cpuMs = 0;
  const cpuEnd = setTimeout(() => {
    const used = process.cpuUsage(cpuBefore);
    cpuMs = (used.user + used.system) / 1000;
  }, config.warmupMs + config.measureMs);

  const fail = (message: string) => {
    errors++;
    firstError ??= message;
  };

  const drive = async (tab: TerminalTab, index: number) => {
    let busy = false;
    const pending: Promise<void>[] = [];
    for (let due = t0 + (index * config.intervalMs) / tabs.length; due < end; due += config.intervalMs) {
      await sleep(due - performance.now());
      const firedAt = performance.now();
      timerLag.push(firedAt - due);
      if (busy) {
        skipped++;
        continue;
      }
      busy = true;
      const counted = firedAt >= measureFrom;
      const from = tab.screen.length;
      const sent = performance.now();
      pending.push(
        tab.waitUntil(() => tab.finished(from) !== undefined, config.timeoutMs, config.command).then(
          () => {
            const took = performance.now() - sent;
            busy = false;
            if (!counted) return;
            const output = tab.finished(from) ?? "";
            if (looksRight(output)) latencies.push(took);
            else fail(`unexpected output: ${JSON.stringify(output.slice(0, 300))}`);
          },
          (error: unknown) => {
            busy = false;
            if (!counted) return;
            timeouts++;
            fail((error as Error).message);
          },
        ),
      );
      tab.type(`${config.command}\r`);
    }
    await Promise.all(pending);
  };
  await Promise.all(tabs.map((tab, i) => drive(tab, i)));
  clearTimeout(cpuTimer);
  clearTimeout(cpuEnd);
  return {
    latencies: Array.from(latencies.values()),
    errors,
    timeouts,
    ...(firstError ? { firstError } : {}),
    skipped,
    disconnects: tabs.reduce((sum, t) => sum + t.disconnects, 0) - disconnectsBefore,
    cpuMs,
    timerLagP99: percentile(timerLag.values(), 99),
  };
}

process.on("message", (message: ToClient) => {
  const answer = async (): Promise<FromClient> => {
    switch (message.type) {
      case "open":
        return { type: "opened", result: await open(message.config) };
      case "run":
        return { type: "ran", result: await run(message.config) };
      case "close":
        for (const tab of tabs) tab.close();
        tabs = [];
        return { type: "closed" };
      case "exit":
        process.exit(0);
    }
  };
  answer().then(send, (error: unknown) => send({ type: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) }));
});
