import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kubectlProgram } from "@/lib/kubectl/kubectl-program";
import { MemoryFs } from "@/lib/kubectl/testing/memory-fs";
import { textInput } from "@/lib/terminal/program";
import { useControllerCluster } from "../../support/controller-cluster";

// rollout, set, replace, autoscale (and a no-op patch): real kubectl 1.35 and the terminal's kubectl on twin
// Deployments in two namespaces, with the controllers running so rollouts really progress.
const cluster = useControllerCluster({ timeoutMs: 90_000 });
const REAL = "ro-real";
const OURS = "ro-ours";
const home = "/home/admin";
let fs: MemoryFs | undefined;

type Result = { code: number; stdout: string; stderr: string };

async function ours(args: string[]): Promise<Result> {
  fs ??= new MemoryFs({ [`${home}/.kube/config`]: readFileSync(cluster.admin.kubeconfig, "utf8") });
  const user = { username: cluster.admin.email, uid: "admin", groups: ["system:masters", "system:authenticated"] };
  const program = kubectlProgram({
    serve: (request) => cluster.server.running.api.serve({ ...request, user }),
    serverUrl: cluster.server.url,
    clientVersion: { major: "1", minor: "35", gitVersion: "v1.35.2" },
  });
  let stdout = "";
  let stderr = "";
  const code = await program({
    argv: ["kubectl", ...args],
    stdin: textInput(""),
    stdout: { write: (t) => (stdout += t) },
    stderr: { write: (t) => (stderr += t) },
    env: new Map([["HOME", home]]),
    cwd: home,
    fs,
    signal: new AbortController().signal,
    now: () => new Date(),
  });
  return { code, stdout, stderr };
}

/** The same command (`{ns}` for the namespace) through both; the results must be equal, namespaces swapped. */
async function same(args: string[]): Promise<Result> {
  const fill = (ns: string) => args.map((a) => a.replaceAll("{ns}", ns));
  const theirs = await cluster.run(fill(REAL));
  const mine = await ours(fill(OURS));
  const swap = (r: Result) => ({ ...r, stdout: r.stdout.replaceAll(OURS, REAL), stderr: r.stderr.replaceAll(OURS, REAL) });
  expect(swap(mine), `kubectl ${args.join(" ")}`).toEqual(theirs);
  return theirs;
}

async function converged(): Promise<void> {
  for (const ns of [REAL, OURS]) await cluster.k("-n", ns, "rollout", "status", "deploy/web", "--timeout=80s");
}

/** Both objects as real kubectl shows them, minus what differs by nature (uids, times, versions, hashes). */
async function sameObject(type: string, name: string): Promise<void> {
  const show = async (ns: string) => {
    const object = JSON.parse(await cluster.k("-n", ns, "get", type, name, "-o", "json")) as unknown;
    const text = JSON.stringify(object, (key, value: unknown) =>
      ["uid", "resourceVersion", "creationTimestamp", "time", "kubectl.kubernetes.io/restartedAt", "lastTransitionTime", "lastUpdateTime", "message"].includes(key)
        ? "*"
        : key === "managedFields" || key === "status"
          ? undefined
          : value,
    );
    return text.replaceAll(ns, "{ns}");
  };
  expect(await show(OURS)).toBe(await show(REAL));
}

describe("rollout, set, replace and autoscale print like kubectl 1.35", () => {
  it("rolls out, records history, undoes, pauses, resumes and restarts", async () => {
    for (const ns of [REAL, OURS]) {
      await cluster.k("create", "namespace", ns);
      await cluster.k("-n", ns, "create", "deployment", "web", "--image=nginx:1.27", "--replicas=2");
    }
    await converged();
    await same(["-n", "{ns}", "rollout", "status", "deploy/web"]);
    await same(["-n", "{ns}", "rollout", "status", "deployment", "web", "--watch=false"]);
    await same(["-n", "{ns}", "set", "image", "deploy/web", "web=nginx:1.28"]);
    await same(["-n", "{ns}", "set", "image", "deploy/web", "nope=nginx:1.28"]);
    await converged();
    await same(["-n", "{ns}", "set", "env", "deploy/web", "MODE=dev", "LEVEL=3"]);
    await converged();
    await same(["-n", "{ns}", "set", "env", "deploy/web", "--list"]);
    await same(["-n", "{ns}", "set", "env", "deploy/web", "LEVEL-"]);
    await converged();
    await same(["-n", "{ns}", "set", "resources", "deploy/web", "--limits=cpu=200m,memory=256Mi", "--requests=cpu=100m"]);
    await converged();
    await same(["-n", "{ns}", "rollout", "status", "deploy/web"]);
    await sameObject("deploy", "web");
    await same(["-n", "{ns}", "rollout", "history", "deploy/web"]);
    await same(["-n", "{ns}", "rollout", "history", "deploy/web", "--revision=2"]);
    await same(["-n", "{ns}", "rollout", "undo", "deploy/web", "--to-revision=9"]);
    await same(["-n", "{ns}", "rollout", "undo", "deploy/web", "--to-revision=1"]);
    await converged();
    await sameObject("deploy", "web");
    await same(["-n", "{ns}", "rollout", "history", "deploy/web"]);
    await same(["-n", "{ns}", "rollout", "pause", "deploy/web"]);
    await same(["-n", "{ns}", "rollout", "pause", "deploy/web"]);
    await same(["-n", "{ns}", "rollout", "restart", "deploy/web"]);
    await same(["-n", "{ns}", "rollout", "undo", "deploy/web"]);
    await same(["-n", "{ns}", "rollout", "resume", "deploy/web"]);
    await same(["-n", "{ns}", "rollout", "resume", "deploy/web"]);
    await same(["-n", "{ns}", "rollout", "restart", "deploy/web"]);
    await converged();
    await sameObject("deploy", "web");
  }, 600_000);

  it("replaces from a file, autoscales, and reports a no-op patch", async () => {
    const manifest = (ns: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: ${ns}\ndata:\n  mode: prod\n`;
    for (const ns of [REAL, OURS]) await cluster.k("-n", ns, "create", "configmap", "cfg", "--from-literal=mode=dev");
    const file = `${home}/cfg.yaml`;
    const { writeFileSync, mkdtempSync } = await import("node:fs");
    const dir = mkdtempSync("/tmp/rollout-test-");
    writeFileSync(`${dir}/cfg.yaml`, manifest(REAL));
    await ours(["version", "--client"]);
    await fs?.writeFile(file, manifest(OURS));
    const theirs = await cluster.run(["-n", REAL, "replace", "-f", `${dir}/cfg.yaml`]);
    const mine = await ours(["-n", OURS, "replace", "-f", file]);
    expect(mine).toEqual(theirs);
    expect(theirs.stdout).toBe("configmap/cfg replaced\n");
    await sameObject("cm", "cfg");
    await same(["-n", "{ns}", "autoscale", "deploy/web", "--min=2", "--max=5", "--cpu-percent=80"]);
    await same(["-n", "{ns}", "autoscale", "deployment", "web", "--max=4", "--cpu=70%", "--name=web2"]);
    await same(["-n", "{ns}", "patch", "deploy/web", "-p", '{"spec":{"replicas":2}}']);
    await same(["-n", "{ns}", "patch", "cm/cfg", "--type=merge", "-p", '{"data":{"mode":"prod"}}']);
  }, 300_000);
});
