import { spawn } from "node:child_process";
import { request } from "node:https";
import { describe, expect, it } from "vitest";
import { useControllerCluster } from "../../support/controller-cluster";
import { kubectl, kubectlBinary } from "../../support/kubectl";

// `kubectl exec` (WebSocket, v5.channel.k8s.io) into pods the real worker schedules and starts.
const cluster = useControllerCluster({ timeoutMs: 30_000 });
const { k } = cluster;
const run = (...args: string[]) => cluster.run(args);
/** Runs a command line on a pseudo-terminal, typing `keys` at the first prompt. */
const runInTerminal = (commandLine: string, keys: string) =>
  new Promise<{ code: number | null; stdout: string }>((resolve) => {
    const child = spawn("script", ["-qec", commandLine, "/dev/null"], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let typed = false;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      // Type only once the shell's prompt is there (kubectl has put the terminal in raw mode by then).
      if (!typed && stdout.includes("# ")) {
        typed = true;
        child.stdin.write(keys);
      }
    });
    const killer = setTimeout(() => child.kill(), 20_000);
    child.on("close", (code) => {
      clearTimeout(killer);
      resolve({ code, stdout });
    });
  });
/** A plain HTTPS POST, trusting the test server's CA. */
const fetchJson = (url: string, token: string) =>
  new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const req = request(url, { method: "POST", ca: cluster.server.caPem, headers: { authorization: `Bearer ${token}` } }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    req.on("error", reject);
    req.end();
  });

describe("kubectl exec", () => {
  it("reads a ConfigMap volume and Secret env inside the container", async () => {
    await k("create", "configmap", "names", "--from-literal=given=Nigel");
    await k("create", "secret", "generic", "creds", "--from-literal=password=s3cret");
    await cluster.apply(
      `apiVersion: v1
kind: Pod
metadata:
  name: cmvol
spec:
  containers:
  - name: ctr
    image: busybox
    command: ["sleep", "3600"]
    env:
    - name: PASSWORD
      valueFrom:
        secretKeyRef: {name: creds, key: password}
    volumeMounts:
    - name: names
      mountPath: /etc/name
  volumes:
  - name: names
    configMap:
      name: names
`,
    );
    await k("wait", "--for=condition=Ready", "pod/cmvol", "--timeout=30s");
    expect(await k("exec", "cmvol", "--", "cat", "/etc/name/given")).toBe("Nigel");
    expect(await k("exec", "cmvol", "--", "printenv", "PASSWORD")).toBe("s3cret\n");
    const failed = await run("exec", "cmvol", "--", "sh", "-c", "ls /nope");
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("ls: /nope: No such file or directory");
    expect(failed.stderr).toContain("command terminated with exit code 1");
    const missing = await run("exec", "cmvol", "-c", "other", "--", "true");
    expect(missing.stderr).toContain("container other is not valid for pod cmvol");
    // stdin: a script piped into the container's shell, line by line, until its `exit`.
    const piped = await cluster.run(["exec", "-i", "cmvol", "--", "sh"], { input: "cd /etc/name\nls | wc -l\necho $PASSWORD\nexit 3\n" });
    expect(piped.stdout).toBe("1\ns3cret\n");
    expect(piped.code).toBe(3);
    // -it: a terminal (util-linux `script` gives kubectl a pty), the shell's prompt, echo, and the exit code.
    const tty = await runInTerminal(`${cluster.bin} --kubeconfig ${cluster.admin.kubeconfig} exec -it cmvol -- sh`, "hostname\rexit 4\r");
    expect(tty.stdout).toContain("/ # hostname\r\ncmvol\r\n/ # exit 4");
    expect(tty.code).toBe(4);
    // kubectl 1.21 speaks only SPDY: refused with a clear message rather than a hang.
    const old = await kubectl(kubectlBinary(21), cluster.admin.kubeconfig, ["exec", "cmvol", "--", "true"], { timeoutMs: 30_000 });
    expect(old.code).not.toBe(0);
    expect(old.stderr).toContain("streaming is not supported by this cluster; use kubectl 1.30 or newer");
  }, 90_000);

  it("needs RBAC create on pods/exec, and a WebSocket upgrade", async () => {
    const learner = await cluster.server.user("learner@test.local", "LEARNER", "default");
    const denied = await kubectl(cluster.bin, learner.kubeconfig, ["exec", "cmvol", "--", "true"], { timeoutMs: 30_000 });
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toMatch(/forbidden/i);
    const subject = (await k("auth", "whoami", "--kubeconfig", learner.kubeconfig, "-o", "jsonpath={.status.userInfo.username}")).trim();
    await k("create", "role", "exec", "--verb=get,create", "--resource=pods,pods/exec");
    await k("create", "rolebinding", "exec", "--role=exec", `--user=${subject}`);
    let allowed = denied;
    for (let i = 0; i < 20 && allowed.code !== 0; i++) {
      allowed = await kubectl(cluster.bin, learner.kubeconfig, ["exec", "cmvol", "--", "hostname"], { timeoutMs: 30_000 });
      if (allowed.code !== 0) await new Promise((r) => setTimeout(r, 250));
    }
    expect(allowed.stdout).toBe("cmvol\n");
    // Without an upgrade the stream cannot start: Kubernetes' own 400.
    const plain = await fetchJson(`${cluster.server.url}/api/v1/namespaces/default/pods/cmvol/exec?command=true&stdout=true`, cluster.admin.token);
    expect(plain).toMatchObject({ status: 400, body: { reason: "BadRequest", message: "Upgrade request required" } });
  }, 90_000);

  it("reaches a Service by every DNS form from a busybox pod", async () => {
    await k("create", "deployment", "web", "--image=nginx:1.27", "--replicas=2");
    await k("expose", "deployment", "web", "--port=80");
    await k("run", "client", "--image=busybox", "--", "sleep", "3600");
    await k("rollout", "status", "deployment/web", "--timeout=40s");
    await k("wait", "--for=condition=Ready", "pod/client", "--timeout=30s");
    const ip = (await k("get", "service", "web", "-o", "jsonpath={.spec.clusterIP}")).trim();
    const lookup = await k("exec", "client", "--", "nslookup", "web");
    expect(lookup).toContain("Name:\tweb.default.svc.cluster.local");
    expect(lookup).toContain(`Address: ${ip}`);
    for (const host of ["web", "web.default", "web.default.svc.cluster.local"]) {
      // Endpoints follow readiness through the worker: allow them a moment to be published.
      let body = "";
      for (let i = 0; i < 20 && !body.includes("Welcome to nginx!"); i++) {
        body = (await run("exec", "client", "--", "wget", "-qO-", `http://${host}`)).stdout;
        if (!body.includes("Welcome to nginx!")) await new Promise((r) => setTimeout(r, 500));
      }
      expect(body, host).toContain("<title>Welcome to nginx!</title>");
    }
    const unknown = await run("exec", "client", "--", "wget", "-qO-", "http://nowhere");
    expect(unknown.stderr).toContain("wget: bad address 'nowhere'");
    expect(unknown.code).toBe(1);
    const curl = await run("exec", "client", "--", "curl", "http://web");
    expect(curl.stderr).toContain('exec: "curl": executable file not found in $PATH');
    expect(curl.code).toBe(127);
  }, 120_000);
});
