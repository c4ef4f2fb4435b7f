/**
 * The load generator, run as a child process of bench/api-bench.ts so that clients and the API server do not
 * share one event loop. It receives the server's address and tokens, then runs one phase per message.
 */
import type { Agent } from "node:https";
import { closedLoop } from "./closed-loop";
import { keepAliveAgent, send, sendOk } from "./http-client";
import type { ClientConfig, FromClient, PhaseName, PhaseReport, ToClient } from "./protocol";
import { watchFanOut } from "./watch-fan-out";

const LOAD_NS = "bench-load";
const LIST_NS = "bench-list";
const WATCH_NS = "bench-watch";
const LISTED_OBJECTS = 100;

const configMap = (name: string, data: Record<string, string>, resourceVersion?: string) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, labels: { app: "bench" }, ...(resourceVersion ? { resourceVersion } : {}) },
  data,
});
const small = { greeting: "hello from the api benchmark", color: "blue" };

let config: ClientConfig | undefined;
let agent: Agent | undefined;
let base: URL | undefined;
/** Each update loop's object and its last resourceVersion. */
const updateVersions: string[] = [];

function reply(message: FromClient): void {
  process.send?.(message);
}

async function runPhase(phase: PhaseName): Promise<PhaseReport> {
  if (!config || !agent || !base) throw new Error("not initialised");
  const { clients, warmupSeconds, seconds, adminToken, learnerToken } = config;
  const [a, b] = [agent, base];
  const cpu = process.cpuUsage();
  const report = (rest: Omit<PhaseReport, "phase" | "clientCpuMs">): PhaseReport => {
    const used = process.cpuUsage(cpu);
    return { phase, clientCpuMs: (used.user + used.system) / 1000, ...rest };
  };
  const ok = (method: string, path: string, body?: unknown, token = adminToken) => sendOk(a, b, token, method, path, body);

  switch (phase) {
    case "setup": {
      for (const ns of [LOAD_NS, LIST_NS, WATCH_NS]) await ok("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
      for (let i = 0; i < LISTED_OBJECTS; i++) {
        await ok("POST", `/api/v1/namespaces/${LIST_NS}/configmaps`, configMap(`cm-${String(i).padStart(3, "0")}`, small));
      }
      for (let c = 0; c < clients; c++) {
        const created = await ok("POST", `/api/v1/namespaces/${LOAD_NS}/configmaps`, configMap(`u-${c}`, { counter: "0" }));
        updateVersions[c] = resourceVersionOf(created.text);
      }
      await ok("POST", `/apis/rbac.authorization.k8s.io/v1/namespaces/${LIST_NS}/rolebindings`, {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name: "bench-learner-edit" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: config.learnerName }],
      });
      // The binding works, and the learner is no superuser: the same read in another namespace is refused.
      await ok("GET", `/api/v1/namespaces/${LIST_NS}/configmaps/cm-000`, undefined, learnerToken);
      const elsewhere = await send(a, b, learnerToken, "GET", `/api/v1/namespaces/${LOAD_NS}/configmaps/u-0`);
      if (elsewhere.status !== 403) throw new Error(`the learner read outside its namespace: ${elsewhere.status}`);
      return report({});
    }
    case "creates":
      return report({
        load: await closedLoop(clients, warmupSeconds, seconds, async (c, i) => {
          await ok("POST", `/api/v1/namespaces/${LOAD_NS}/configmaps`, configMap(`c${c}-${i}`, small));
        }),
      });
    case "gets":
    case "learner-gets": {
      const token = phase === "gets" ? adminToken : learnerToken;
      return report({
        load: await closedLoop(clients, warmupSeconds, seconds, async (c, i) => {
          const name = `cm-${String((c * 7 + i) % LISTED_OBJECTS).padStart(3, "0")}`;
          await ok("GET", `/api/v1/namespaces/${LIST_NS}/configmaps/${name}`, undefined, token);
        }),
      });
    }
    case "lists":
      return report({
        load: await closedLoop(clients, warmupSeconds, seconds, async () => {
          const listed = await ok("GET", `/api/v1/namespaces/${LIST_NS}/configmaps`);
          // Cheap sanity check that the whole list came back.
          if (!listed.text.includes(`"cm-${String(LISTED_OBJECTS - 1).padStart(3, "0")}"`)) throw new Error("list is missing objects");
        }),
      });
    case "updates":
      return report({
        load: await closedLoop(clients, warmupSeconds, seconds, async (c, i) => {
          const updated = await ok(
            "PUT",
            `/api/v1/namespaces/${LOAD_NS}/configmaps/u-${c}`,
            configMap(`u-${c}`, { counter: String(i + 1) }, updateVersions[c]),
          );
          updateVersions[c] = resourceVersionOf(updated.text);
        }),
      });
    case "watch":
      return report({
        watch: await watchFanOut({
          base: b,
          caPem: config.caPem,
          token: adminToken,
          namespace: WATCH_NS,
          watchers: config.watchers,
          writers: config.watchWriters,
          seconds: config.watchSeconds,
        }),
      });
  }
}

function resourceVersionOf(text: string): string {
  const version = (JSON.parse(text) as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion;
  if (!version) throw new Error("answer without metadata.resourceVersion");
  return version;
}

process.on("message", (message: ToClient) => {
  switch (message.type) {
    case "init":
      config = message.config;
      base = new URL(config.url);
      agent = keepAliveAgent(config.caPem, config.clients);
      reply({ type: "ready" });
      return;
    case "phase":
      runPhase(message.phase).then(
        (report) => reply({ type: "done", report }),
        (error: unknown) => reply({ type: "failed", phase: message.phase, error: error instanceof Error ? error.message : String(error) }),
      );
      return;
    case "exit":
      agent?.destroy();
      process.disconnect();
      return;
  }
});
// The benchmark is gone (crashed or killed): do not linger.
process.on("disconnect", () => process.exit(0));
