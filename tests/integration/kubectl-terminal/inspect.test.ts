import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kubectlProgram } from "@/lib/kubectl/kubectl-program";
import { MemoryFs } from "@/lib/kubectl/testing/memory-fs";
import { textInput, type Tty } from "@/lib/terminal/program";
import { useControllerCluster } from "../../support/controller-cluster";

// The terminal's kubectl (describe, logs, exec, wait, explain) against the real API server and a worker, compared
// with real kubectl 1.35 on the same objects.
const cluster = useControllerCluster({ timeoutMs: 30_000 });
const ns = "inspect";

type Result = { code: number; stdout: string; stderr: string };

/** Our kubectl, in-process, as the same admin user real kubectl authenticates as. */
async function ours(args: string[], options: { stdin?: string; keys?: string[]; signal?: AbortSignal } = {}): Promise<Result> {
  const home = "/home/admin";
  const fs = new MemoryFs({ [`${home}/.kube/config`]: readFileSync(cluster.admin.kubeconfig, "utf8") });
  const user = { username: cluster.admin.email, uid: "admin", groups: ["system:masters", "system:authenticated"] };
  const program = kubectlProgram({
    serve: (request) => cluster.server.running.api.serve({ ...request, user }),
    serverUrl: cluster.server.url,
    clientVersion: { major: "1", minor: "35", gitVersion: "v1.35.2" },
  });
  let stdout = "";
  let stderr = "";
  const keys = options.keys;
  const tty: Tty | undefined = keys
    ? {
        columns: 80,
        rows: 24,
        keys: (async function* () {
          for (const key of keys) yield await Promise.resolve(key);
        })(),
        onResize: () => () => undefined,
      }
    : undefined;
  const code = await program({
    argv: ["kubectl", ...args],
    stdin: textInput(options.stdin ?? ""),
    stdout: { write: (t) => (stdout += t) },
    stderr: { write: (t) => (stderr += t) },
    env: new Map([["HOME", home]]),
    cwd: home,
    fs,
    signal: options.signal ?? new AbortController().signal,
    ...(tty ? { tty } : {}),
    now: () => new Date(),
  });
  return { code, stdout, stderr };
}

// Ages (5s, 2m10s, 3h) move between the two runs; they are masked, and a run that straddles a width change retried.
const mask = (text: string) => text.replace(/\b\d+[smhdy](\d+[smhd])?\b/g, "AGE").replace(/ +\n/g, "\n");

/**
 * Runs both kubectls and expects the same output (ages masked; a few tries, as an age may tick between them).
 * `unordered`: compare the lines as a set, for output real kubectl gathers in parallel (logs -l of several pods).
 */
async function expectSame(args: string[], options: { unordered?: boolean } = {}): Promise<Result> {
  const view = (text: string) => {
    const masked = mask(text);
    return options.unordered ? masked.split("\n").sort().join("\n") : masked;
  };
  let last: { real: Result; mine: Result } | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const real = await cluster.run(args);
    const mine = await ours(args);
    last = { real: { code: real.code ?? -1, stdout: real.stdout, stderr: real.stderr }, mine };
    if (view(real.stdout) === view(mine.stdout) && view(real.stderr) === view(mine.stderr) && real.code === mine.code) return mine;
  }
  expect({ ...last!.mine, stdout: view(last!.mine.stdout), stderr: view(last!.mine.stderr) }).toEqual({
    ...last!.real,
    stdout: view(last!.real.stdout),
    stderr: view(last!.real.stderr),
  });
  return last!.mine;
}

const manifest = `apiVersion: v1
kind: Namespace
metadata: {name: ${ns}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: ${ns}}
data: {greeting: hello}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${ns}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx
        ports: [{containerPort: 80}]
        resources: {requests: {cpu: 100m, memory: 64Mi}}
        readinessProbe: {httpGet: {path: /, port: 80}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: ${ns}}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80, name: http}]
---
apiVersion: v1
kind: Pod
metadata: {name: tools, namespace: ${ns}, labels: {role: tools}}
spec:
  containers:
  - name: box
    image: busybox
    command: [sh, -c, "echo started; sleep 3600"]
    env: [{name: GREETING, valueFrom: {configMapKeyRef: {name: cfg, key: greeting}}}]
    volumeMounts: [{name: cfg, mountPath: /etc/cfg}]
  - name: side
    image: nginx
  volumes: [{name: cfg, configMap: {name: cfg}}]
`;

describe("kubectl in the terminal: inspecting objects", () => {
  it("describes pods, deployments, services and config as kubectl 1.35 does", async () => {
    await cluster.apply(manifest);
    await cluster.k("-n", ns, "wait", "--for=condition=Available", "deploy/web", "--timeout=30s");
    await cluster.k("-n", ns, "wait", "--for=condition=Ready", "pod/tools", "--timeout=30s");
    await expectSame(["-n", ns, "describe", "pod", "tools"]);
    await expectSame(["-n", ns, "describe", "deployment", "web"]);
    await expectSame(["-n", ns, "describe", "svc", "web"]);
    await expectSame(["-n", ns, "describe", "rs"]);
    await expectSame(["-n", ns, "describe", "cm", "cfg"]);
    await expectSame(["describe", "ns", ns]);
    await expectSame(["-n", ns, "describe", "pods", "-l", "app=web"]);
    await expectSame(["-n", ns, "describe", "pod", "nope"]);
    await expectSame(["describe", "node", "kubeclass-worker"]);
    await expectSame(["describe", "ingressclass"]);
  });

  it("prints logs and their errors as kubectl does", async () => {
    await expectSame(["-n", ns, "logs", "tools"]);
    await expectSame(["-n", ns, "logs", "tools", "-c", "side", "--tail=3"]);
    await expectSame(["-n", ns, "logs", "tools", "-c", "nope"]);
    await expectSame(["-n", ns, "logs", "deploy/web", "--tail=2"]);
    await expectSame(["-n", ns, "logs", "-l", "app=web", "--prefix"], { unordered: true });
    await expectSame(["-n", ns, "logs", "missing"]);
    await expectSame(["-n", ns, "logs", "tools", "-p"]);
  });

  it("follows logs until Ctrl-C", async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 1500);
    const followed = await ours(["-n", ns, "logs", "-f", "tools", "-c", "box"], { signal: stop.signal });
    expect(followed).toEqual({ code: 0, stdout: "started\n", stderr: "" });
  });

  it("runs one-shot exec commands with kubectl's output and exit codes", async () => {
    const hello = await expectSame(["-n", ns, "exec", "tools", "-c", "box", "--", "cat", "/etc/cfg/greeting"]);
    expect(hello.stdout).toBe("hello");
    const env = await expectSame(["-n", ns, "exec", "tools", "-c", "box", "--", "printenv", "GREETING"]);
    expect(env.stdout).toBe("hello\n");
    const failed = await expectSame(["-n", ns, "exec", "tools", "-c", "box", "--", "sh", "-c", "exit 3"]);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toBe("command terminated with exit code 3\n");
    await expectSame(["-n", ns, "exec", "tools", "--", "echo", "hi"]);
    await expectSame(["-n", ns, "exec", "tools", "-c", "zz", "--", "true"]);
    await expectSame(["-n", ns, "exec", "tools", "ls"]);
    await expectSame(["-n", ns, "exec", "tools"]);
  });

  it("waits for conditions, deletion and jsonpath values as kubectl does", async () => {
    await expectSame(["-n", ns, "wait", "--for=condition=Ready", "pod/tools"]);
    await expectSame(["-n", ns, "wait", "--for=condition=Available", "deployment/web", "--timeout=5s"]);
    await expectSame(["-n", ns, "wait", "--for=jsonpath={.status.phase}=Running", "pod", "-l", "role=tools"]);
    await expectSame(["-n", ns, "wait", "--for=condition=Ready=false", "pod/tools", "--timeout=1s"]);
    await expectSame(["-n", ns, "wait", "--for=delete", "pod/gone"]);
    await expectSame(["-n", ns, "wait", "--for=condition=Ready", "pod/gone", "--timeout=1s"]);
    await expectSame(["-n", ns, "wait", "--for=bogus", "pod/tools"]);
  });

  it("explains types and fields from the server's OpenAPI v3 documents", async () => {
    await expectSame(["explain", "pods"]);
    await expectSame(["explain", "deployment.spec.strategy"]);
    await expectSame(["explain", "svc.spec.type"]);
    await expectSame(["explain", "pod.spec.containers.ports"]);
    await expectSame(["explain", "ingress", "--recursive"]);
    await expectSame(["explain", "pod.spec.nope"]);
    await expectSame(["explain", "nope"]);
  });

  it("opens an interactive shell with exec -it and reads scripted keys", async () => {
    const session = await ours(["-n", ns, "exec", "-it", "tools", "-c", "box", "--", "sh"], {
      keys: ["cd /etc/cfg\r", "cat gree", "x\u007fting\r", "echo $GREETING\r", "exit 4\r"],
    });
    // Backspace erases on screen the way a terminal line editor does: back, blank, back.
    expect(session.stdout).toBe("/ # cd /etc/cfg\n/etc/cfg # cat greex\b \btingnhello/etc/cfg # echo $GREETING\nhello\n/etc/cfg # exit 4\n".replace("tingn", "ting\n"));
    expect(session.code).toBe(4);
    expect(session.stderr).toBe("command terminated with exit code 4\n");
  });
});
