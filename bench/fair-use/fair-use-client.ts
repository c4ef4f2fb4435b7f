/**
 * A client process of bench/fair-use-bench.ts: plays learner B (steady GETs, latency measured) or learner A (a
 * flood that ignores Retry-After, as a hostile script would), one role per message.
 */
import type { Agent } from "node:https";
import { keepAliveAgent, send } from "../api-bench/http-client";
import { percentile, Samples } from "../api-bench/stats";
import type { FloodConfig, FloodResult, FromClient, SteadyConfig, SteadyResult, ToClient } from "./protocol";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const reply = (message: FromClient) => process.send?.(message);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function steady(config: SteadyConfig): Promise<SteadyResult> {
  const agent = keepAliveAgent(config.caPem, config.connections);
  const base = new URL(config.url);
  const interval = 1000 / config.perSecond;
  const start = performance.now() + 50;
  const windowStart = start + config.warmupSeconds * 1000;
  const end = windowStart + config.seconds * 1000;
  const latencies = new Samples();
  const lag = new Samples();
  const result = { answered: 0, ok: 0, refused: 0, errors: 0, firstError: undefined as string | undefined };
  const pending = new Set<Promise<void>>();
  for (let i = 0; ; i++) {
    const due = start + i * interval;
    if (due >= end) break;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const sent = performance.now();
    const counted = sent >= windowStart;
    if (counted) lag.push(Math.max(0, sent - due));
    const path = config.paths[i % config.paths.length] ?? "/api";
    const request = send(agent, base, config.token, "GET", path).then(
      (answer) => {
        if (!counted) return;
        result.answered++;
        if (answer.status === 200) {
          result.ok++;
          latencies.push(performance.now() - sent);
        } else if (answer.status === 429) result.refused++;
        else {
          result.errors++;
          result.firstError ??= `${answer.status} ${answer.text.slice(0, 120)}`;
        }
      },
      (error: unknown) => {
        if (!counted) return;
        result.errors++;
        result.firstError ??= messageOf(error);
      },
    );
    pending.add(request);
    void request.finally(() => pending.delete(request));
  }
  await Promise.all(pending);
  agent.destroy();
  const values = latencies.values();
  return {
    answered: result.answered,
    ok: result.ok,
    refused: result.refused,
    errors: result.errors,
    ...(result.firstError !== undefined ? { firstError: result.firstError } : {}),
    p50: percentile(values, 50),
    p99: percentile(values, 99),
    max: percentile(values, 100),
    sendLagP99: percentile(lag.values(), 99),
  };
}

type Flood = { stop: () => Promise<FloodResult> };

function startFlood(config: FloodConfig): Flood {
  const agent: Agent = keepAliveAgent(config.caPem, config.connections);
  const base = new URL(config.url);
  const counts: FloodResult = { seconds: 0, ok: 0, refused: 0, other: 0, failed: 0 };
  let stopped = false;
  const started = performance.now();
  const loop = async (connection: number) => {
    const creates = config.mix === "creates" || (config.mix === "mixed" && connection % 2 === 1);
    for (let i = 0; !stopped; i++) {
      try {
        const answer = creates
          ? await send(agent, base, config.token, "POST", `/api/v1/namespaces/${config.namespace}/configmaps`, {
              apiVersion: "v1",
              kind: "ConfigMap",
              metadata: { name: `flood-${connection}-${i}` },
              data: { note: "a learner's script that never reads Retry-After" },
            })
          : await send(agent, base, config.token, "GET", config.readPath);
        if (answer.status >= 200 && answer.status < 300) counts.ok++;
        else if (answer.status === 429) counts.refused++;
        else {
          counts.other++;
          counts.firstError ??= `${answer.status} ${answer.text.slice(0, 120)}`;
        }
      } catch (error) {
        counts.failed++;
        counts.firstError ??= messageOf(error);
        await sleep(10);
      }
    }
  };
  const loops = Promise.all(Array.from({ length: config.connections }, (_, c) => loop(c)));
  return {
    stop: async () => {
      stopped = true;
      counts.seconds = (performance.now() - started) / 1000;
      await loops;
      agent.destroy();
      return counts;
    },
  };
}

let flood: Flood | undefined;

process.on("message", (message: ToClient) => {
  switch (message.type) {
    case "steady":
      steady(message.config).then(
        (result) => reply({ type: "steady-done", result }),
        (error: unknown) => reply({ type: "failed", error: messageOf(error) }),
      );
      return;
    case "flood-start":
      flood = startFlood(message.config);
      reply({ type: "flood-started" });
      return;
    case "flood-stop": {
      const running = flood;
      flood = undefined;
      if (!running) return reply({ type: "failed", error: "no flood running" });
      running.stop().then(
        (result) => reply({ type: "flood-done", result }),
        (error: unknown) => reply({ type: "failed", error: messageOf(error) }),
      );
      return;
    }
    case "exit":
      process.disconnect();
      return;
  }
});
// The benchmark is gone (crashed or killed): do not linger.
process.on("disconnect", () => process.exit(0));
