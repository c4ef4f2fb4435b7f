import { chmodSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildKubeconfig } from "@/lib/server/apiserver/kubeconfig";
import { startTestApiServer, type TestApiServer, type TestUser } from "../../support/api-server";
import { debianKubectl, kubectl, kubectlBinary, succeeded, writeManifest } from "../../support/kubectl";

// Real kubectl — the oldest and newest minors we can get here — against the real API server, default
// validation on. Each version works in its own namespace so the runs cannot mask each other. 1.21 and 1.35 come
// from npm packages; Debian's 1.20 runs when it is on the machine (.ci/run puts it there), else is skipped below.
const debian = debianKubectl();
const clients = [
  ...(debian.binary ? [{ minor: 20, binary: () => debian.binary ?? "" }] : []),
  { minor: 21, binary: () => kubectlBinary(21) },
  { minor: 35, binary: () => kubectlBinary(35) },
];
// CI must run it (.ci/run unpacks it), so there its absence fails; elsewhere it is left out with a warning.
if (!debian.binary && process.env.CI) {
  describe("kubectl v1.20 (Debian's kubernetes-client)", () => {
    it("is on this machine, as .ci/run puts it there", () => {
      expect(debian.binary, debian.note).toBeDefined();
    });
  });
} else if (!debian.binary) {
  console.warn(`kubectl-compat: kubectl v1.20 left out: ${debian.note}`);
}

let server: TestApiServer;
let admin: TestUser;
let dir: string;

beforeAll(async () => {
  server = await startTestApiServer();
  admin = await server.user("admin@test.local", "ADMIN");
  dir = join(admin.kubeconfig, "..");
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const manifest = (name: string, text: string) => writeManifest(dir, name, text);
const ok = succeeded;

describe.each(clients)("kubectl v1.$minor", ({ minor, binary }) => {
  const ns = `compat-${minor}`;
  let bin: string;
  const k = (args: string[], options?: Parameters<typeof kubectl>[3]) => kubectl(bin, admin.kubeconfig, args, options);

  beforeAll(async () => {
    bin = binary();
    ok(await k(["apply", "-f", manifest(`${ns}.yaml`, `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`)]));
  });

  it("reads version and discovery", async () => {
    expect(ok(await k(["version"]))).toMatch(/Server Version: (version.Info\{Major:"1", Minor:"34"|v1\.34\.0-kubeclass)/);
    const resources = ok(await k(["api-resources"]));
    expect(resources).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect(resources).toMatch(/^pods\s+po\s+v1\s+true\s+Pod$/m);
    expect(resources).toMatch(/^customresourcedefinitions\s+crd,crds\s+apiextensions\.k8s\.io\/v1\s+false\s+CustomResourceDefinition$/m);
    const versionsOut = ok(await k(["api-versions"]));
    for (const gv of ["v1", "apps/v1", "batch/v1", "rbac.authorization.k8s.io/v1", "networking.k8s.io/v1"]) {
      expect(versionsOut.split("\n")).toContain(gv);
    }
  });

  it("applies, re-applies a change, and applies server-side", async () => {
    const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
  namespace: ${ns}
  labels: {app: hello}
spec:
  replicas: 3
  selector:
    matchLabels: {app: hello}
  template:
    metadata:
      labels: {app: hello}
    spec:
      containers:
      - name: web
        image: ${image}
        ports:
        - containerPort: 8080
`;
    expect(ok(await k(["apply", "-f", manifest("d1.yaml", deployment("nigelpoulton/k8sbook:1.0"))]))).toContain("deployment.apps/hello created");
    expect(ok(await k(["apply", "-f", manifest("d2.yaml", deployment("nigelpoulton/k8sbook:2.0"))]))).toContain("deployment.apps/hello configured");
    expect(ok(await k(["-n", ns, "get", "deploy", "hello", "-o", "jsonpath={.spec.template.spec.containers[0].image} {.metadata.generation}"]))).toBe(
      "nigelpoulton/k8sbook:2.0 2",
    );
    expect(ok(await k(["apply", "--server-side", "-f", manifest("d3.yaml", deployment("nigelpoulton/k8sbook:3.0"))]))).toContain("serverside-applied");
    expect(ok(await k(["-n", ns, "get", "deploy", "hello", "-o", "jsonpath={.spec.template.spec.containers[0].image}"]))).toBe("nigelpoulton/k8sbook:3.0");
  });

  it("prints tables, wide, name, json, yaml and jsonpath like a real cluster", async () => {
    const table = ok(await k(["-n", ns, "get", "deployments"]));
    expect(table.split("\n")[0]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
    expect(table).toMatch(/^hello\s+0\/3\s+0\s+0\s+\d+s$/m);
    expect(ok(await k(["-n", ns, "get", "deploy", "-o", "wide"])).split("\n")[0]).toMatch(/CONTAINERS\s+IMAGES\s+SELECTOR$/);
    expect(ok(await k(["-n", ns, "get", "deploy", "-o", "name"])).trim()).toBe("deployment.apps/hello");
    const json = JSON.parse(ok(await k(["-n", ns, "get", "deploy", "hello", "-o", "json"]))) as { kind: string; metadata: { uid: string } };
    expect(json.kind).toBe("Deployment");
    expect(json.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok(await k(["-n", ns, "get", "deploy", "hello", "-o", "yaml"]))).toMatch(/^kind: Deployment$/m);
    const all = ok(await k(["get", "deploy", "-A"]));
    expect(all.split("\n")[0]).toMatch(/^NAMESPACE\s+NAME\s+READY/);
    expect(all).toMatch(new RegExp(`^${ns}\\s+hello\\s+`, "m"));
  });

  it("labels, annotates, selects by label and field, and patches in every format", async () => {
    ok(await k(["apply", "-f", manifest(`cm-${minor}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: ${ns}\ndata:\n  a: b\n`)]));
    expect(ok(await k(["-n", ns, "label", "cm", "cfg", "tier=fe"]))).toContain("configmap/cfg labeled");
    expect(ok(await k(["-n", ns, "annotate", "cm", "cfg", "note=hi"]))).toContain("configmap/cfg annotated");
    expect(ok(await k(["-n", ns, "get", "cm", "-l", "tier=fe", "-o", "name"])).trim()).toBe("configmap/cfg");
    expect(ok(await k(["-n", ns, "get", "cm", "-l", "tier in (be)", "-o", "name"])).trim()).toBe("");
    expect(ok(await k(["-n", ns, "get", "cm", "--field-selector", "metadata.name=cfg", "-o", "name"])).trim()).toBe("configmap/cfg");
    expect(ok(await k(["-n", ns, "get", "cm", "cfg", "--show-labels"]))).toMatch(/tier=fe$/m);
    ok(await k(["-n", ns, "patch", "cm", "cfg", "--type=merge", "-p", '{"data":{"c":"d"}}']));
    ok(await k(["-n", ns, "patch", "cm", "cfg", "--type=json", "-p", '[{"op":"add","path":"/data/e","value":"f"}]']));
    ok(await k(["-n", ns, "patch", "deploy", "hello", "-p", '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}']));
    expect(ok(await k(["-n", ns, "get", "cm", "cfg", "-o", "jsonpath={.data}"]))).toBe('{"a":"b","c":"d","e":"f"}');
    expect(ok(await k(["-n", ns, "get", "deploy", "hello", "-o", "jsonpath={.spec.template.spec.containers[*].image} {.spec.template.spec.containers[0].ports[0].containerPort}"]))).toBe(
      "nginx:1.27 8080",
    );
  });

  it("creates with kubectl create (newer kubectl sends these bodies as protobuf)", async () => {
    const extra = `${ns}-created`;
    expect(ok(await k(["create", "namespace", extra]))).toContain(`namespace/${extra} created`);
    expect(ok(await k(["-n", extra, "create", "configmap", "settings", "--from-literal=mode=dev"]))).toContain("configmap/settings created");
    expect(ok(await k(["-n", extra, "create", "secret", "generic", "creds", "--from-literal=password=s3cret"]))).toContain("secret/creds created");
    expect(ok(await k(["-n", extra, "create", "deployment", "web", "--image=nginx:1.27", "--replicas=2"]))).toContain("deployment.apps/web created");
    expect(ok(await k(["-n", extra, "create", "role", "reader", "--verb=get,list", "--resource=pods"]))).toContain("role.rbac.authorization.k8s.io/reader created");
    expect(ok(await k(["-n", extra, "create", "rolebinding", "readers", "--role=reader", "--user=someone"]))).toContain("rolebinding.rbac.authorization.k8s.io/readers created");
    expect(ok(await k(["-n", extra, "create", "serviceaccount", "robot"]))).toContain("serviceaccount/robot created");
    expect(ok(await k(["-n", extra, "get", "secret", "creds", "-o", "jsonpath={.data.password}"]))).toBe(Buffer.from("s3cret").toString("base64"));
    expect(ok(await k(["-n", extra, "get", "deploy", "web", "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image}"]))).toBe("2 nginx:1.27");
    expect(ok(await k(["-n", extra, "get", "role", "reader", "-o", "jsonpath={.rules[0].verbs}"]))).toBe('["get","list"]');
    const list = ok(await k(["auth", "can-i", "--list", "-n", extra]));
    expect(list.split("\n")[0]).toMatch(/^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs$/);
    expect(list).toMatch(/^\*\.\*\s+\[\]\s+\[\]\s+\[\*\]$/m);
  });

  it("scales through the /scale subresource", async () => {
    expect(ok(await k(["-n", ns, "scale", "deploy", "hello", "--replicas=5"]))).toContain("deployment.apps/hello scaled");
    expect(ok(await k(["-n", ns, "get", "deploy", "hello", "-o", "jsonpath={.spec.replicas}"]))).toBe("5");
  });

  it("edits with $EDITOR", async () => {
    const editor = manifest("editor.sh", "#!/bin/sh\nsed -i 's/^  a: b$/  a: edited/' \"$1\"\n");
    chmodSync(editor, 0o755);
    expect(ok(await k(["-n", ns, "edit", "cm", "cfg"], { env: { KUBE_EDITOR: editor } }))).toContain("configmap/cfg edited");
    expect(ok(await k(["-n", ns, "get", "cm", "cfg", "-o", "jsonpath={.data.a}"]))).toBe("edited");
  });

  it("watches with get -w", async () => {
    const watching = k(["-n", ns, "get", "cm", "-w", "--request-timeout=4s"], { timeoutMs: 15_000 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    ok(await k(["apply", "-f", manifest(`w-${minor}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: watched\n  namespace: ${ns}\n`)]));
    const result = await watching;
    expect(result.stdout).toMatch(/^cfg\s+/m);
    expect(result.stdout).toMatch(/^watched\s+0\s+/m);
  });

  it("explains fields from the OpenAPI documents", async () => {
    expect(ok(await k(["explain", "deployment.spec.replicas"]))).toMatch(/replicas\s*<integer>/);
    const recursive = ok(await k(["explain", "pods", "--recursive"]));
    // kubectl 1.21 prints nested types as Object, newer ones by name.
    expect(recursive).toMatch(/^\s+containers\s*<\[\](Container|Object)>/m);
    expect(recursive).toMatch(/^\s+image\s*<string>/m);
  });

  it("rejects unknown fields with default validation", async () => {
    const bad = manifest(`bad-${minor}.yaml`, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n  namespace: ${ns}\nspec:\n  foo: bar\n`);
    const result = await k(["apply", "-f", bad]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/unknown field "spec"/);
  });

  it("deletes and waits until the object is gone; NotFound reads as on a real cluster", async () => {
    expect(ok(await k(["-n", ns, "delete", "cm", "cfg"]))).toMatch(/configmap "cfg" deleted/);
    const gone = await k(["-n", ns, "get", "cm", "cfg"]);
    expect(gone.code).toBe(1);
    expect(gone.stderr.trim()).toBe('Error from server (NotFound): configmaps "cfg" not found');
  });

  it("answers auth can-i and lists events", async () => {
    expect(ok(await k(["-n", ns, "get", "events"]))).toBe("");
    const event = `apiVersion: v1
kind: Event
metadata:
  name: hello.1
  namespace: ${ns}
involvedObject: {kind: Deployment, name: hello, namespace: ${ns}}
reason: ScalingReplicaSet
message: Scaled up replica set hello-abc to 3
type: Normal
`;
    ok(await k(["apply", "-f", manifest(`ev-${minor}.yaml`, event)]));
    expect(ok(await k(["-n", ns, "get", "events"]))).toMatch(/Normal\s+ScalingReplicaSet\s+deployment\/hello\s+Scaled up replica set hello-abc to 3/);
  });

  it("describes a deployment, pod, namespace, configmap and node, with their events", async () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: {name: described, namespace: ${ns}, labels: {tier: web}}
spec:
  containers: [{name: app, image: "nginx:1.27"}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: described, namespace: ${ns}, labels: {tier: config}}
data: {greeting: hello}
---
apiVersion: v1
kind: Node
metadata: {name: node-${minor}, labels: {kubernetes.io/hostname: node-${minor}}}
`;
    ok(await k(["apply", "-f", manifest(`describe-${minor}.yaml`, pod)]));
    const uid = async (kind: string, name: string) => ok(await k(["-n", ns, "get", kind, name, "-o", "jsonpath={.metadata.uid}"]));
    // Events as the controllers write them: naming the object's uid, which describe selects on.
    const event = (name: string, kind: string, apiVersion: string, objectUid: string, reason: string, source: string, message: string) => `---
apiVersion: v1
kind: Event
metadata: {name: ${name}, namespace: ${ns}}
involvedObject: {apiVersion: ${apiVersion}, kind: ${kind}, name: ${name.split(".")[0]}, namespace: ${ns}, uid: ${objectUid}}
reason: ${reason}
message: ${message}
type: Normal
count: 1
firstTimestamp: "2026-01-01T00:00:00Z"
lastTimestamp: "2026-01-01T00:00:00Z"
source: {component: ${source}}
`;
    const events =
      event("hello.described", "Deployment", "apps/v1", await uid("deploy", "hello"), "ScalingReplicaSet", "deployment-controller", "Scaled up replica set hello-abc to 5") +
      event("described.scheduled", "Pod", "v1", await uid("pod", "described"), "Scheduled", "default-scheduler", "Successfully assigned to node-1");
    ok(await k(["apply", "-f", manifest(`describe-events-${minor}.yaml`, events)]));
    const eventRow = (reason: string, source: string, message: string) =>
      new RegExp(`^Events:\\s*\\n\\s+Type\\s+Reason\\s+Age\\s+From\\s+Message\\n[\\s-]+\\n\\s+Normal\\s+${reason}\\s+\\S+\\s+${source}\\s+${message}$`, "m");

    const deployment = ok(await k(["-n", ns, "describe", "deployment", "hello"]));
    expect(deployment).toMatch(/^Name:\s+hello$/m);
    expect(deployment).toMatch(new RegExp(`^Namespace:\\s+${ns}$`, "m"));
    expect(deployment).toMatch(/^Labels:\s+app=hello$/m);
    expect(deployment).toMatch(/^Replicas:\s+5 desired \| 0 updated \| 0 total \| 0 available \| 0 unavailable$/m);
    expect(deployment).toMatch(/^\s+Image:\s+nginx:1\.27$/m);
    expect(deployment).toMatch(eventRow("ScalingReplicaSet", "deployment-controller", "Scaled up replica set hello-abc to 5"));

    const described = ok(await k(["-n", ns, "describe", "pod", "described"]));
    expect(described).toMatch(/^Name:\s+described$/m);
    expect(described).toMatch(/^Labels:\s+tier=web$/m);
    expect(described).toMatch(/^Status:\s+Pending$/m);
    expect(described).toMatch(/^Containers:\n\s+app:\n\s+Image:\s+nginx:1\.27$/m);
    expect(described).toMatch(eventRow("Scheduled", "default-scheduler", "Successfully assigned to node-1"));

    const namespace = ok(await k(["describe", "namespace", ns]));
    expect(namespace).toMatch(new RegExp(`^Name:\\s+${ns}$`, "m"));
    expect(namespace).toMatch(/^Status:\s+Active$/m);
    expect(namespace).toContain("No resource quota.");
    expect(namespace).toContain("No LimitRange resource.");

    const configMap = ok(await k(["-n", ns, "describe", "configmap", "described"]));
    expect(configMap).toMatch(/^Name:\s+described$/m);
    expect(configMap).toMatch(/^Labels:\s+tier=config$/m);
    expect(configMap).toMatch(/^Data\n====\ngreeting:\n----\nhello$/m);
    expect(configMap).toMatch(/^Events:\s+<none>$/m);

    const node = ok(await k(["describe", "node", `node-${minor}`]));
    expect(node).toMatch(new RegExp(`^Name:\\s+node-${minor}$`, "m"));
    expect(node).toMatch(new RegExp(`^Labels:\\s+kubernetes\\.io/hostname=node-${minor}$`, "m"));
    expect(node).toMatch(/^Non-terminated Pods:\s+\(0 in total\)$/m);
    expect(node).toMatch(/^Events:\s+<none>$/m);
  });

  it("reads the health checks with get --raw", async () => {
    expect(ok(await k(["get", "--raw", "/readyz?verbose"]))).toBe("[+]ping ok\n[+]etcd ok\n[+]etcd-readiness ok\nreadyz check passed\n");
    expect(ok(await k(["get", "--raw", "/livez"]))).toBe("ok");
  });

  it.runIf(minor >= 28)("says who the user is with auth whoami", async () => {
    const out = ok(await k(["auth", "whoami"]));
    expect(out).toMatch(/^ATTRIBUTE\s+VALUE$/m);
    expect(out).toMatch(/^Username\s+admin@test\.local$/m);
    expect(out).toMatch(/^Groups\s+\[system:masters system:authenticated\]$/m);
  });

  it.runIf(minor >= 24)("creates service account tokens with create token, which log in as the account", async () => {
    ok(await k(["-n", ns, "create", "serviceaccount", "robot"]));
    const token = ok(await k(["-n", ns, "create", "token", "robot", "--duration=20m"])).trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const kubeconfig = manifest(`robot-${minor}.kubeconfig`, buildKubeconfig({ server: server.url, caPem: server.caPem, token, clusterName: "kubeclass", userName: "robot" }));
    const asRobot = (args: string[]) => kubectl(bin, kubeconfig, args);
    if (minor >= 28) {
      const who = ok(await asRobot(["auth", "whoami"]));
      expect(who).toMatch(new RegExp(`^Username\\s+system:serviceaccount:${ns}:robot$`, "m"));
      expect(who).toMatch(new RegExp(`^Groups\\s+\\[system:serviceaccounts system:serviceaccounts:${ns} system:authenticated\\]$`, "m"));
    }
    const denied = await asRobot(["-n", ns, "get", "pods"]);
    expect(denied.stderr.trim()).toBe(
      `Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:${ns}:robot" cannot list resource "pods" in API group "" in the namespace "${ns}"`,
    );
    const short = await k(["-n", ns, "create", "token", "robot", "--duration=5m"]);
    expect(short.code).toBe(1);
    expect(short.stderr.trim()).toBe(
      'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes',
    );
  });
});

describe("RBAC through real kubectl", () => {
  let learner: TestUser;
  let bin: string;
  beforeAll(async () => {
    bin = kubectlBinary(21);
    const k = (args: string[]) => kubectl(bin, admin.kubeconfig, args);
    for (const ns of ["team-a", "team-b"]) ok(await k(["create", "namespace", ns]));
    learner = await server.user("learner@test.local", "LEARNER", "team-a");
    ok(await k(["-n", "team-a", "create", "rolebinding", "learner-admin", "--clusterrole=admin", `--user=${learner.email}`]));
  });

  it("lets a learner work in their namespace and nowhere else, in Kubernetes' words", async () => {
    const k = (args: string[]) => kubectl(bin, learner.kubeconfig, args);
    expect((await k(["get", "pods"])).code).toBe(0);
    const other = await k(["-n", "team-b", "get", "pods"]);
    expect(other.stderr.trim()).toBe(
      'Error from server (Forbidden): pods is forbidden: User "learner@test.local" cannot list resource "pods" in API group "" in the namespace "team-b"',
    );
    const cluster = await k(["create", "namespace", "mine"]);
    expect(cluster.stderr).toContain('User "learner@test.local" cannot create resource "namespaces" in API group "" at the cluster scope');
    expect((await k(["auth", "can-i", "create", "deployments"])).stdout.trim()).toBe("yes");
    expect((await k(["auth", "can-i", "create", "deployments", "-n", "team-b"])).stdout.trim()).toBe("no");
  });

  it("lets only those allowed impersonate (--as): admins act as the learner, the learner cannot act as anyone", async () => {
    const asLearner = await kubectl(bin, admin.kubeconfig, ["--as", learner.email, "-n", "team-b", "get", "pods"]);
    expect(asLearner.stderr.trim()).toBe(
      'Error from server (Forbidden): pods is forbidden: User "learner@test.local" cannot list resource "pods" in API group "" in the namespace "team-b"',
    );
    expect((await kubectl(bin, admin.kubeconfig, ["--as", learner.email, "-n", "team-a", "get", "pods"])).code).toBe(0);
    const sneaky = await kubectl(bin, learner.kubeconfig, ["--as", "admin@test.local", "--as-group", "system:masters", "get", "namespaces"]);
    expect(sneaky.code).toBe(1);
    expect(sneaky.stderr.trim()).toBe(
      'Error from server (Forbidden): users "admin@test.local" is forbidden: User "learner@test.local" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
    const canI = await kubectl(bin, learner.kubeconfig, ["auth", "can-i", "get", "pods", "--as", "someone@test.local"]);
    expect(canI.stderr).toContain('users "someone@test.local" is forbidden: User "learner@test.local" cannot impersonate resource "users"');
    expect(canI.stdout.trim()).not.toBe("yes");
  });

  it("refuses RBAC self-escalation to cluster-admin", async () => {
    const result = await kubectl(bin, learner.kubeconfig, ["create", "rolebinding", "grab", "--clusterrole=cluster-admin", `--user=${learner.email}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('rolebindings.rbac.authorization.k8s.io "grab" is forbidden: user "learner@test.local"');
    expect(result.stderr).toContain("is attempting to grant RBAC permissions not currently held");
  });
});
