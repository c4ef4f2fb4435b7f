import { describe, expect, it } from "vitest";
import { completeKubectl } from "./complete-kubectl";
import { kubectxProgram } from "./kubectx";
import { kubensProgram } from "./kubens";
import { testKubectl } from "./testing/test-kubectl";

describe("kubens and kubectx", () => {
  it("kubens lists namespaces and switches the context's namespace", async () => {
    const k = await testKubectl();
    const kubens = kubensProgram(k.deps);
    await k.admin.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "shield" } });
    expect((await k.run(["kubens"], { program: kubens, argv0: "kubens" })).stdout).toContain("default\nkube-node-lease\n");
    expect(await k.run(["kubens", "shield"], { program: kubens, argv0: "kubens" })).toEqual({ code: 0, stdout: "", stderr: '✔ Active namespace is "shield"\n' });
    expect((await k.run("get pods")).stderr).toBe("No resources found in shield namespace.\n");
    expect((await k.run(["kubens", "-c"], { program: kubens, argv0: "kubens" })).stdout).toBe("shield\n");
    expect((await k.run(["kubens", "-"], { program: kubens, argv0: "kubens" })).stderr).toBe('✔ Active namespace is "default"\n');
    expect((await k.run(["kubens", "nope"], { program: kubens, argv0: "kubens" })).stderr).toBe('error: no namespace exists with name "nope"\n');
  });

  it("kubectx lists and switches contexts", async () => {
    const k = await testKubectl();
    const kubectx = kubectxProgram(k.deps);
    await k.run("config set-context other --cluster=kubeclass");
    expect((await k.run(["kubectx"], { program: kubectx, argv0: "kubectx" })).stdout).toBe("kubeclass\nother\n");
    expect((await k.run(["kubectx", "other"], { program: kubectx, argv0: "kubectx" })).stderr).toBe('✔ Switched to context "other".\n');
    expect((await k.run("config current-context")).stdout).toBe("other\n");
    expect((await k.run(["kubectx", "-"], { program: kubectx, argv0: "kubectx" })).stderr).toBe('✔ Switched to context "kubeclass".\n');
  });
});

describe("completeKubectl", () => {
  it("completes verbs, types, object names, namespaces and flags", async () => {
    const k = await testKubectl();
    const complete = completeKubectl(k.deps);
    const where = { cwd: k.home, env: new Map([["HOME", k.home]]), fs: k.fs };
    await k.admin.create("/api/v1/namespaces/default/pods", { apiVersion: "v1", kind: "Pod", metadata: { name: "hello-pod" }, spec: { containers: [{ name: "c", image: "x" }] } });
    expect(await complete(["kubectl"], "ge", where)).toEqual(["get"]);
    expect(await complete(["kubectl", "get"], "deploym", where)).toEqual(["deployments.apps"]);
    expect(await complete(["kubectl", "get", "pods"], "hel", where)).toEqual(["hello-pod"]);
    expect(await complete(["kubectl", "logs"], "hel", where)).toEqual(["hello-pod"]);
    expect(await complete(["kubectl", "get"], "po/he", where)).toEqual(["po/hello-pod"]);
    expect(await complete(["kubectl", "get", "-n"], "kube-p", where)).toEqual(["kube-public"]);
    expect(await complete(["kubectl", "get", "pods"], "--show-l", where)).toEqual(["--show-labels"]);
    expect(await complete(["kubectl", "config"], "use-", where)).toEqual(["use-context"]);
  });
});
