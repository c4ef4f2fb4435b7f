import { afterEach, describe, expect, it } from "vitest";
import type { Program } from "../../terminal/program";
import { kubectlProgram } from "../kubectl-program";
import { testKubectl } from "../testing/test-kubectl";
import { diffCommand } from "./diff";
import { unifiedDiff } from "./diff-unified";
import { editCommand } from "./edit";
import { setEditText, useEditorPrograms } from "./edit-text";
import { execCommand } from "./exec";
import { logsCommand } from "./logs";
import { topCommand } from "./top";
import { waitCommand } from "./wait";

const commands = [diffCommand, editCommand, execCommand, logsCommand, topCommand, waitCommand];

async function cluster() {
  const k = await testKubectl({ namespace: "dev", commands });
  await k.admin.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
  await k.admin.create("/api/v1/namespaces/dev/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { a: "1" } });
  return k;
}

async function runningPod(k: Awaited<ReturnType<typeof cluster>>, name: string) {
  await k.admin.create("/api/v1/namespaces/dev/pods", {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: { nodeName: "node-1", containers: [{ name: "app", image: "nginx", resources: { requests: { cpu: "100m", memory: "64Mi" } } }] },
  });
  await k.admin.patch(`/api/v1/namespaces/dev/pods/${name}/status`, { status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] } });
}

afterEach(() => {
  setEditText(undefined);
  useEditorPrograms(() => undefined);
});

describe("kubectl wait", () => {
  it("reports a met condition, a jsonpath value and a timeout as kubectl does", async () => {
    const k = await cluster();
    await runningPod(k, "web");
    expect(await k.run("wait --for=condition=Ready pod/web")).toEqual({ code: 0, stdout: "pod/web condition met\n", stderr: "" });
    expect((await k.run(["wait", "--for=jsonpath={.data.a}=1", "cm/cfg"])).stdout).toBe("configmap/cfg condition met\n");
    expect(await k.run("wait --for=jsonpath={.data.a}=2 cm/cfg --timeout=0s")).toEqual({ code: 1, stdout: "", stderr: "error: timed out waiting for the condition on configmaps/cfg\n" });
    expect((await k.run("wait --for=bogus cm/cfg")).stderr).toBe('error: unrecognized condition: "bogus"\n');
    expect(await k.run("wait --for=delete cm/gone")).toEqual({ code: 0, stdout: "", stderr: "" });
    expect((await k.run("wait --for=condition=Ready pod/gone")).stderr).toBe('Error from server (NotFound): pods "gone" not found\n');
  });
});

describe("kubectl logs and exec errors", () => {
  it("names a missing pod and a container that has not started", async () => {
    const k = await cluster();
    expect((await k.run("logs nope")).stderr).toBe('error: error from server (NotFound): pods "nope" not found in namespace "dev"\n');
    await k.admin.create("/api/v1/namespaces/dev/pods", { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "nginx" }] } });
    expect((await k.run("logs p")).stderr).toBe('Error from server (BadRequest): container "c" in pod "p" is waiting to start: ContainerCreating\n');
    expect((await k.run("logs p -c zz")).stderr).toBe("error: container zz is not valid for pod p\n");
    expect((await k.run("logs")).stderr).toContain("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.");
  });

  it("refuses exec without a command or in the old form", async () => {
    const k = await cluster();
    expect((await k.run("exec p")).stderr).toBe("error: you must specify at least one command for the container\n");
    expect((await k.run("exec p ls")).stderr).toContain("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
    expect((await k.run("exec nope -- ls")).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});

describe("kubectl top", () => {
  it("fails as real kubectl does when discovery lists no metrics API", async () => {
    const k = await cluster();
    await runningPod(k, "web");
    expect(await k.run("top pods")).toEqual({ code: 1, stdout: "", stderr: "error: Metrics API not available\n" });
    expect((await k.run("top nodes")).stderr).toBe("error: Metrics API not available\n");
  });

  it("prints stable simulated usage derived from requests once a metrics API is discovered", async () => {
    const k = await cluster();
    await runningPod(k, "web");
    // The API's group list gains metrics.k8s.io, as when a metrics server is installed.
    const metricsGroup = { name: "metrics.k8s.io", versions: [{ groupVersion: "metrics.k8s.io/v1beta1", version: "v1beta1" }], preferredVersion: { groupVersion: "metrics.k8s.io/v1beta1", version: "v1beta1" } };
    const program = kubectlProgram({
      ...k.deps,
      serve: async (request) => {
        const response = await k.deps.serve(request);
        if (request.path !== "/apis" || response.kind !== "json") return response;
        const body = response.body as { groups?: unknown[] };
        return { ...response, body: { ...body, groups: [...(body.groups ?? []), metricsGroup] } };
      },
    });
    const top = (line: string) => k.run(line, { program });
    const first = await top("top pods");
    expect(first.stdout).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*\nweb\s+\d+m\s+\d+Mi\s*\n$/);
    const cpu = Number(/web\s+(\d+)m/.exec(first.stdout)![1]);
    expect(cpu).toBeGreaterThanOrEqual(10);
    expect(cpu).toBeLessThanOrEqual(60);
    expect((await top("top pods")).stdout).toBe(first.stdout);
    expect((await top("top pods --sort-by=disk")).stderr).toBe("error: --sort-by accepts only cpu or memory\n");
  });
});

describe("kubectl diff", () => {
  it("shows what apply would change and exits 1, or nothing and 0", async () => {
    const k = await cluster();
    await k.fs.writeFile("/home/jane/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: \"2\"\n");
    const changed = await k.run("diff -f cm.yaml");
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/^diff -u -N \/tmp\/LIVE-\d+\/v1\.ConfigMap\.dev\.cfg \/tmp\/MERGED-\d+\/v1\.ConfigMap\.dev\.cfg\n--- /);
    expect(changed.stdout).toContain('\n-  a: "1"\n+  a: "2"\n');
    await k.fs.writeFile("/home/jane/same.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: \"1\"\n");
    expect(await k.run("diff -f same.yaml")).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("numbers hunks like diff -u", () => {
    expect(unifiedDiff("a\nb\nc\n", "a\nB\nc\n", "old", "new")).toBe("--- old\n+++ new\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
    expect(unifiedDiff("", "x\n", "old", "new")).toBe("--- old\n+++ new\n@@ -0,0 +1 @@\n+x\n");
  });
});

describe("kubectl edit", () => {
  it("patches what the editor changed and cancels when nothing changed", async () => {
    const k = await cluster();
    let shown = "";
    setEditText((_ctx, text) => {
      shown = text;
      return Promise.resolve(text.replace('a: "1"', 'a: "9"'));
    });
    expect(await k.run("edit cm/cfg")).toEqual({ code: 0, stdout: "configmap/cfg edited\n", stderr: "" });
    expect(shown).toMatch(/^# Please edit the object below\./);
    expect(shown).not.toContain("managedFields");
    expect(((await k.admin.get("/api/v1/namespaces/dev/configmaps/cfg")).data as Record<string, string>).a).toBe("9");
    setEditText((_ctx, text) => Promise.resolve(text));
    expect(await k.run("edit configmap cfg")).toEqual({ code: 0, stdout: "", stderr: "Edit cancelled, no changes made.\n" });
  });

  it("runs the $EDITOR program on a file under ~/.kube/tmp", async () => {
    const k = await cluster();
    let path = "";
    const fakeNano: Program = async (ctx) => {
      path = ctx.argv[1]!;
      await ctx.fs.writeFile(path, (await ctx.fs.readFile(path)).replace('a: "1"', 'a: "5"'));
      return 0;
    };
    useEditorPrograms((name) => (name === "nano" ? fakeNano : undefined));
    expect((await k.run("edit cm cfg")).stdout).toBe("configmap/cfg edited\n");
    expect(path).toBe("/home/jane/.kube/tmp/kubectl-edit-configmaps-cfg.yaml");
    expect(await k.fs.stat(path)).toBeUndefined();
  });
});
