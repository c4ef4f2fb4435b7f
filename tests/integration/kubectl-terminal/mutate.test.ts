import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubectlProgram } from "@/lib/kubectl/kubectl-program";
import type { KubectlDeps } from "@/lib/kubectl/kubectl-deps";
import { toYaml } from "@/lib/kubectl/printers/yaml";
import { initialKubeconfig } from "@/lib/kubectl/testing/test-kubectl";
import { MemoryFs } from "@/lib/terminal/memory-fs";
import { textInput } from "@/lib/terminal/program";
import { startTestApiServer, type TestApiServer, type TestUser } from "../../support/api-server";
import { kubectl, kubectlBinary, type KubectlResult } from "../../support/kubectl";

// The terminal's kubectl and real kubectl 1.35, as the same user against the same API server, each in its own
// namespace: every command must print the same (namespace names swapped), and leave the same objects behind.
const REAL = "mut-real";
const OURS = "mut-ours";

let server: TestApiServer;
let admin: TestUser;
let bin: string;
let deps: KubectlDeps;
const fs = new MemoryFs();
const home = "/home/admin";

beforeAll(async () => {
  server = await startTestApiServer();
  admin = await server.user("admin@test.local", "ADMIN");
  bin = kubectlBinary(35);
  const user = { username: admin.email, uid: "admin", groups: ["system:masters", "system:authenticated"] };
  deps = {
    serve: (request) => server.running.api.serve({ ...request, user }),
    serverUrl: server.url,
    clientVersion: { major: "1", minor: "35", gitVersion: "v1.35.0" },
  };
  await fs.mkdir(`${home}/.kube`, { parents: true });
  await fs.writeFile(`${home}/.kube/config`, toYaml(initialKubeconfig(admin.email)));
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

async function ours(args: string[], input?: string): Promise<KubectlResult> {
  let stdout = "";
  let stderr = "";
  const code = await kubectlProgram(deps)({
    argv: ["kubectl", ...args],
    stdin: textInput(input ?? ""),
    stdout: { write: (text) => (stdout += text) },
    stderr: { write: (text) => (stderr += text) },
    env: new Map([["HOME", home]]),
    cwd: home,
    fs,
    signal: new AbortController().signal,
    now: () => new Date(),
  });
  return { code, stdout, stderr };
}

const real = (args: string[], input?: string) => kubectl(bin, admin.kubeconfig, args, input === undefined ? {} : { input });

/** Runs the same command (with `{ns}` for the namespace) through both and expects the same result. */
async function same(args: string[], input?: string): Promise<KubectlResult> {
  const fill = (ns: string) => args.map((a) => a.replaceAll("{ns}", ns));
  const fillInput = (ns: string) => input?.replaceAll("{ns}", ns);
  const theirs = await real(fill(REAL), fillInput(REAL));
  const mine = await ours(fill(OURS), fillInput(OURS));
  const normalise = (r: KubectlResult) => ({ ...r, stdout: r.stdout.replaceAll(OURS, REAL), stderr: r.stderr.replaceAll(OURS, REAL) });
  expect(normalise(mine), `kubectl ${args.join(" ")}`).toEqual(theirs);
  return theirs;
}

/** Both objects as real kubectl shows them, with what differs by nature (uid, times, versions) masked. */
async function sameObject(type: string, name: string): Promise<void> {
  const show = async (ns: string) => {
    const r = await real(["-n", ns, "get", type, name, "-o", "json"]);
    expect(r.stderr).toBe("");
    const object = JSON.parse(r.stdout) as Record<string, unknown>;
    const text = JSON.stringify(object, (key, value: unknown) =>
      ["uid", "resourceVersion", "creationTimestamp", "time", "generation", "clusterIP", "clusterIPs"].includes(key) ? "*" : key === "managedFields" ? undefined : value,
    );
    return text.replaceAll(ns, "{ns}");
  };
  expect(await show(OURS)).toBe(await show(REAL));
}

describe("the terminal's kubectl writes like kubectl 1.35", () => {
  it("creates namespaces and objects from generators, leaving identical objects", async () => {
    await same(["create", "namespace", "{ns}"]);
    await same(["-n", "{ns}", "create", "deployment", "web", "--image=nginx:1.27", "--replicas=2", "--port=80"]);
    await same(["-n", "{ns}", "create", "configmap", "cfg", "--from-literal=mode=dev", "--from-literal=level=3"]);
    await same(["-n", "{ns}", "create", "secret", "generic", "creds", "--from-literal=password=s3cret"]);
    await same(["-n", "{ns}", "create", "service", "clusterip", "web", "--tcp=80:8080"]);
    await same(["-n", "{ns}", "create", "service", "nodeport", "np", "--tcp=80:8080"]);
    await same(["-n", "{ns}", "create", "role", "reader", "--verb=get,list,watch", "--resource=pods,deployments.apps,pods/log"]);
    await same(["-n", "{ns}", "create", "rolebinding", "readers", "--role=reader", "--user=someone", "--serviceaccount={ns}:robot"]);
    await same(["-n", "{ns}", "create", "serviceaccount", "robot"]);
    await same(["-n", "{ns}", "create", "job", "once", "--image=busybox", "--", "echo", "hi"]);
    await same(["-n", "{ns}", "create", "cronjob", "tick", "--image=busybox", "--schedule=*/5 * * * *"]);
    for (const [type, name] of [
      ["deploy", "web"],
      ["cm", "cfg"],
      ["secret", "creds"],
      ["svc", "web"],
      ["role", "reader"],
      ["rolebinding", "readers"],
      ["sa", "robot"],
      ["cronjob", "tick"],
    ] as const) {
      await sameObject(type, name);
    }
    await same(["-n", "{ns}", "create", "deployment", "web", "--image=nginx:1.27"]);
    await same(["-n", "{ns}", "create", "configmap", "cfg"]);
    await same(["-n", "{ns}", "create", "secret", "generic", "creds"]);
  });

  it("prints generated objects with --dry-run=client -o yaml|json", async () => {
    await same(["-n", "{ns}", "create", "deployment", "dry", "--image=nginx", "--dry-run=client", "-o", "yaml"]);
    await same(["create", "service", "loadbalancer", "lb", "--tcp=443:8443", "--dry-run=client", "-o", "json"]);
    await same(["create", "secret", "docker-registry", "reg", "--docker-username=u", "--docker-password=p", "--docker-email=e@x", "--dry-run=client", "-o", "yaml"]);
  });

  it("applies: created, unchanged, configured, with the same last-applied annotation", async () => {
    const manifest = (image: string, replicas: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
  namespace: {ns}
  labels: {app: hello}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: hello}}
  template:
    metadata: {labels: {app: hello}}
    spec:
      containers:
      - name: web
        image: ${image}
        ports: [{containerPort: 8080}]
        env: [{name: A, value: "1"}, {name: B, value: "2"}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: {ns}}
data: {a: "1"}
`;
    await same(["apply", "-f", "-"], manifest("nginx:1.25", 2));
    await sameObject("deploy", "hello");
    await same(["apply", "-f", "-"], manifest("nginx:1.25", 2));
    await same(["apply", "-f", "-"], manifest("nginx:1.27", 3).replace(', {name: B, value: "2"}', ""));
    await sameObject("deploy", "hello");
    await sameObject("cm", "settings");
    await same(["-n", "{ns}", "apply", "-f", "-"], `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other, namespace: elsewhere}\n`);
    await same(["apply", "-f", "-"], `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: {ns}}\n---\napiVersion: v9\nkind: Nope\nmetadata: {name: b}\n`);
    await same(["apply", "-f", "does-not-exist.yaml"]);
  });

  it("scales, labels, annotates and patches", async () => {
    await same(["-n", "{ns}", "scale", "deploy/web", "--replicas=4"]);
    await same(["-n", "{ns}", "scale", "deploy", "web", "--replicas=1", "--current-replicas=2"]);
    await same(["-n", "{ns}", "label", "cm", "cfg", "tier=fe"]);
    await same(["-n", "{ns}", "label", "cm", "cfg", "tier=be"]);
    await same(["-n", "{ns}", "label", "cm", "cfg", "tier=be", "--overwrite"]);
    await same(["-n", "{ns}", "label", "cm/cfg", "tier-"]);
    await same(["-n", "{ns}", "annotate", "cm", "cfg", "note=hi"]);
    await same(["-n", "{ns}", "annotate", "cm", "cfg", "note=yo"]);
    await same(["-n", "{ns}", "patch", "cm", "cfg", "--type=merge", "-p", '{"data":{"extra":"x"}}']);
    await same(["-n", "{ns}", "patch", "cm", "cfg", "--type=json", "-p", '[{"op":"remove","path":"/data/extra"}]']);
    await same(["-n", "{ns}", "patch", "deploy", "web", "-p", '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}']);
    for (const [type, name] of [["cm", "cfg"], ["deploy", "web"]] as const) await sameObject(type, name);
  });

  it("runs pods and exposes workloads as services", async () => {
    await same(["-n", "{ns}", "run", "box", "--image=busybox", "--restart=Never", "--env=A=1", "--port=8080", "--labels=app=box,tier=t", "--command", "--", "sleep", "3600"]);
    await same(["-n", "{ns}", "run", "plain", "--image=nginx:1.27"]);
    await same(["-n", "{ns}", "expose", "deployment", "web", "--port=8080", "--target-port=80", "--name=web-svc", "--type=NodePort"]);
    await same(["-n", "{ns}", "expose", "pod", "box"]);
    await same(["-n", "{ns}", "expose", "pod", "plain"]);
    await same(["-n", "{ns}", "run", "nothing"]);
    for (const [type, name] of [["pod", "box"], ["pod", "plain"], ["svc", "box"]] as const) await sameObject(type, name);
    const mask = (text: string) => text.replace(/"nodePort":\d+/, '"nodePort":"*"');
    const svc = async (ns: string) => mask((await real(["-n", ns, "get", "svc", "web-svc", "-o", "jsonpath={.spec.ports}{.spec.selector}{.metadata.labels}"])).stdout);
    expect(await svc(OURS)).toBe(await svc(REAL));
  });

  it("deletes and reports what is not there", async () => {
    await same(["-n", "{ns}", "delete", "cm", "cfg", "missing", "settings"]);
    await same(["-n", "{ns}", "delete", "cm", "-l", "nothing=here"]);
    await same(["-n", "{ns}", "delete", "secret", "creds", "--wait=false"]);
    await same(["-n", "{ns}", "delete", "cm"]);
  });
});
