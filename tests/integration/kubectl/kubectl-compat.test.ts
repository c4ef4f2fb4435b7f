import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApiServer, type TestApiServer, type TestUser } from "../../support/api-server";
import { kubectl, kubectlBinary, type KubectlResult } from "../../support/kubectl";

// Real kubectl — the oldest and newest minor we can get here — against the real API server, default
// validation on. Each version works in its own namespace so the two runs cannot mask each other.
const versions = [21, 35] as const;

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

function manifest(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const ok = (result: KubectlResult) => {
  expect(result.stderr, result.stderr).not.toMatch(/error|Error/);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
};

describe.each(versions)("kubectl v1.%i", (minor) => {
  const ns = `compat-${minor}`;
  let bin: string;
  const k = (args: string[], options?: Parameters<typeof kubectl>[3]) => kubectl(bin, admin.kubeconfig, args, options);

  beforeAll(async () => {
    bin = kubectlBinary(minor);
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

  it("refuses RBAC self-escalation to cluster-admin", async () => {
    const result = await kubectl(bin, learner.kubeconfig, ["create", "rolebinding", "grab", "--clusterrole=cluster-admin", `--user=${learner.email}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('rolebindings.rbac.authorization.k8s.io "grab" is forbidden: user "learner@test.local"');
    expect(result.stderr).toContain("is attempting to grant RBAC permissions not currently held");
  });
});
