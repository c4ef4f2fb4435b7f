import { describe, expect, it } from "vitest";
import { testKubectl } from "../testing/test-kubectl";
import { rolloutHelpText } from "./rollout-help";

// Outputs checked against kubectl 1.35 (the parity suite compares the same commands with the real binary).
const learnerUser = { username: "bob", uid: "2", groups: ["system:authenticated"] };

async function cluster(user?: typeof learnerUser) {
  const k = await testKubectl({ namespace: "dev", ...(user ? { user } : {}) });
  await k.admin.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
  return k;
}

const deployment = {
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web" },
  spec: { replicas: 1, selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "c", image: "nginx" }] } } },
};

describe("usage errors printed as kubectl prints them", () => {
  it("exec, set image and create secret tls", async () => {
    const k = await cluster();
    expect(await k.run("exec")).toEqual({ code: 1, stdout: "", stderr: "error: pod, type/name or --filename must be specified\n" });
    expect((await k.run("set image")).stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    expect((await k.run("set image deploy/web")).stderr).toBe("error: at least one image update is required\n");
    expect((await k.run("create secret tls t --cert=missing.crt --key=missing.key")).stderr).toBe("error: Cannot read file missing.crt, open missing.crt: no such file or directory\n");
  });

  it("bare rollout prints its help on stdout and exits 1", async () => {
    const k = await cluster();
    expect(await k.run("rollout")).toEqual({ code: 1, stdout: rolloutHelpText, stderr: "" });
    expect(rolloutHelpText.startsWith("Manage the rollout of one or many resources.\n        \n Valid resource types include:\n")).toBe(true);
    expect((await k.run("rollout nope")).stderr).toBe("error: unknown command \"nope\"\nSee 'kubectl rollout -h' for help and examples\n");
  });

  it("create role warns about a non-standard verb and names an unknown grouped resource as kubectl's mapper does", async () => {
    const k = await cluster();
    const fly = await k.run("create role bad --verb=fly --resource=pods");
    expect(fly).toEqual({ code: 0, stdout: "role.rbac.authorization.k8s.io/bad created\n", stderr: "Warning: 'fly' is not a standard resource verb\n" });
    expect(await k.run("create role r --verb=get --resource=nodes.metrics.k8s.io")).toEqual({
      code: 1,
      stdout: "",
      stderr: 'the server doesn\'t have a resource type "nodes" in group "metrics.k8s.io"\n',
    });
  });
});

describe("API errors reworded as kubectl's builder and CheckErr do", () => {
  it("wraps a selector the server cannot parse", async () => {
    const k = await cluster();
    expect((await k.run(["get", "pods", "--selector=app in (x"])).stderr).toBe(
      `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app in (x", field selector "": unable to parse requirement: found '', expected: ',' or ')'\n`,
    );
    expect((await k.run("get svc --field-selector spec.type=ClusterIP")).stderr).toMatch(/^Error from server \(BadRequest\): Unable to find "\/v1, Resource=services" that match label selector "", field selector "spec\.type=ClusterIP": /);
  });

  it("patch: invalid JSON patches, YAML turned into JSON, and no dry-run suffix", async () => {
    const k = await cluster();
    await k.admin.create("/apis/apps/v1/namespaces/dev/deployments", deployment);
    expect((await k.run(["patch", "deploy", "web", "--type=json", "-p", '[{"op":"remove","path":"/spec/nope"}]'])).stderr).toBe(
      "The request is invalid: the server rejected our request due to an error in our request\n",
    );
    expect((await k.run(["patch", "deploy", "web", "-p", "not json"])).stderr).toBe(
      "Error from server (BadRequest): json: cannot unmarshal string into Go value of type map[string]interface {}\n",
    );
    expect((await k.run(["patch", "deploy", "web", "-p", '{"spec":{"replicas":1}}', "--dry-run=server"])).stdout).toBe("deployment.apps/web patched (no change)\n");
  });

  it("apply of a manifest without kind names the one missing field bare", async () => {
    const k = await cluster();
    await k.fs.writeFile(`${k.home}/no-kind.yml`, "apiVersion: v1\nmetadata:\n  name: nokind\n");
    expect((await k.run("apply -f no-kind.yml")).stderr).toBe(
      'error: error validating "no-kind.yml": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
    );
  });
});

describe("outputs real kubectl prints", () => {
  it("cluster-info for a user who cannot list kube-system's services prints only the hint, then the error", async () => {
    const k = await cluster(learnerUser);
    const r = await k.run("cluster-info");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
    expect(r.stderr).toMatch(/^Error from server \(Forbidden\): services is forbidden/);
  });

  it("auth can-i warns about a cluster-scoped type and still asks in the namespace", async () => {
    const k = await cluster();
    expect(await k.run("auth can-i list namespaces")).toEqual({ code: 0, stdout: "yes\n", stderr: "Warning: resource 'namespaces' is not namespace scoped\n\n" });
    expect((await k.run("auth can-i list namespaces -A")).stderr).toBe("");
  });

  it("label -l changes every matching object", async () => {
    const k = await cluster();
    for (const [name, app] of [["a", "hello"], ["b", "hello"], ["c", "other"]] as const) {
      await k.admin.create("/api/v1/namespaces/dev/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels: { app, tier: "x" } } });
    }
    expect(await k.run("label configmaps -l app=hello tier-")).toEqual({ code: 0, stdout: "configmap/a unlabeled\nconfigmap/b unlabeled\n", stderr: "" });
    expect((await k.run("label configmaps --all -l app=hello x=y")).stderr).toBe("error: cannot set --all and --selector at the same time\n");
  });

  it("get --raw prints the body verbatim; rollout history reads a StatefulSet's ControllerRevisions", async () => {
    const k = await cluster();
    const raw = await k.run("get --raw /api/v1/namespaces/dev");
    expect(raw.code).toBe(0);
    expect(raw.stdout.endsWith("}")).toBe(true);
    expect((JSON.parse(raw.stdout) as { metadata: { name: string } }).metadata.name).toBe("dev");
    expect((await k.run("get --raw /api/v1/namespaces/nope")).stderr).toBe('Error from server (NotFound): namespaces "nope" not found\n');
    expect((await k.run("get pods --raw /api")).stderr).toBe("error: arguments may not be passed when --raw is specified\n");

    const sts = await k.admin.create("/apis/apps/v1/namespaces/dev/statefulsets", { ...deployment, kind: "StatefulSet", metadata: { name: "db" }, spec: { ...deployment.spec, serviceName: "db" } });
    await k.admin.create("/apis/apps/v1/namespaces/dev/controllerrevisions", {
      apiVersion: "apps/v1",
      kind: "ControllerRevision",
      metadata: { name: "db-1", ownerReferences: [{ apiVersion: "apps/v1", kind: "StatefulSet", name: "db", uid: sts.metadata?.uid, controller: true }] },
      revision: 1,
      data: { spec: { template: { ...deployment.spec.template, $patch: "replace" } } },
    });
    expect(await k.run("rollout history statefulset/db")).toEqual({ code: 0, stdout: "statefulset.apps/db \nREVISION  CHANGE-CAUSE\n1         <none>\n\n", stderr: "" });
  });

  it("--as impersonates: a learner may not act as someone else", async () => {
    const k = await cluster(learnerUser);
    expect((await k.run("auth can-i get pods --as=someone")).stderr).toBe(
      'Error from server (Forbidden): users "someone" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope\n',
    );
  });

  it("diff keeps the live object's annotations when the manifest has none", async () => {
    const k = await cluster();
    const manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: \"1\"\n";
    await k.fs.writeFile(`${k.home}/cm.yaml`, manifest);
    expect((await k.run("apply -f cm.yaml")).code).toBe(0);
    await k.fs.writeFile(`${k.home}/cm.yaml`, manifest.replace('"1"', '"2"'));
    const diff = await k.run("diff -f cm.yaml");
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('\n-  a: "1"\n+  a: "2"\n');
    expect(diff.stdout).not.toMatch(/^-\s+annotations:/m);
  });
});
