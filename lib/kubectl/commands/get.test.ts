import { describe, expect, it } from "vitest";
import { testKubectl } from "../testing/test-kubectl";

async function withObjects() {
  const k = await testKubectl();
  const pod = (name: string, labels: Record<string, string>, image = "nginx") => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels },
    spec: { containers: [{ name: "main", image }] },
  });
  await k.admin.create("/api/v1/namespaces/default/pods", pod("web-10", { app: "web" }));
  await k.admin.create("/api/v1/namespaces/default/pods", pod("web-2", { app: "web", tier: "front" }, "redis"));
  await k.admin.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
  await k.admin.create("/api/v1/namespaces/dev/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { a: "1" } });
  k.clock.advance(90_000);
  return k;
}

describe("kubectl get", () => {
  it("prints the server's Table with kubectl's column layout", async () => {
    const k = await withObjects();
    expect(await k.run("get pods")).toEqual({
      code: 0,
      stdout: "NAME     READY   STATUS    RESTARTS   AGE\nweb-10   0/1     Pending   0          90s\nweb-2    0/1     Pending   0          90s\n",
      stderr: "",
    });
    expect((await k.run("get po --no-headers -L tier")).stdout).toBe("web-10   0/1   Pending   0     90s   \nweb-2    0/1   Pending   0     90s   front\n");
    expect((await k.run("get pods --show-labels")).stdout.split("\n")[2]).toMatch(/^web-2 +0\/1 +Pending +0 +90s +app=web,tier=front$/);
  });

  it("adds NAMESPACE with -A and kind prefixes for several types, a blank line between them", async () => {
    const k = await withObjects();
    expect((await k.run("get cm -A")).stdout).toBe("NAMESPACE   NAME   DATA   AGE\ndev         cfg    1      90s\n");
    const both = await k.run("get pods,cm -n dev");
    expect(both.stdout).toBe("NAME            DATA   AGE\nconfigmap/cfg   1      90s\n");
    const mixed = await k.run("get pod/web-2 ns/dev");
    expect(mixed.stdout).toMatch(/^NAME +READY.*\npod\/web-2 .*\n\nNAME +STATUS +AGE\nnamespace\/dev +Active +90s\n$/);
  });

  it("says when nothing was found, and reports missing names after the others", async () => {
    const k = await withObjects();
    expect(await k.run("get deploy")).toEqual({ code: 0, stdout: "", stderr: "No resources found in default namespace.\n" });
    expect(await k.run("get pods -A -l app=none")).toEqual({ code: 0, stdout: "", stderr: "No resources found\n" });
    const missing = await k.run("get pods web-2 nope -o name");
    expect(missing).toEqual({ code: 1, stdout: "pod/web-2\n", stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    expect((await k.run("get widgets")).stderr).toBe('error: the server doesn\'t have a resource type "widgets"\n');
  });

  it("prints names, JSONPath, custom columns and sorts naturally", async () => {
    const k = await withObjects();
    expect((await k.run("get pods -o name")).stdout).toBe("pod/web-10\npod/web-2\n");
    expect((await k.run(["get", "pods", "-o", "jsonpath={.items[*].metadata.name}"])).stdout).toBe("web-10 web-2");
    expect((await k.run(["get", "pods", "-o", "custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image"])).stdout).toBe("NAME     IMAGE\nweb-10   nginx\nweb-2    redis\n");
    expect((await k.run("get pods --sort-by=.metadata.name -o name")).stdout).toBe("pod/web-2\npod/web-10\n");
    expect((await k.run("get pods --sort-by={.spec.containers[0].image} --no-headers")).stdout).toMatch(/^web-10 .*\nweb-2 /);
  });

  it("prints one named object as itself and several as a List, without managedFields", async () => {
    const k = await withObjects();
    const one = JSON.parse((await k.run("get pod web-2 -o json")).stdout) as { kind: string; metadata: Record<string, unknown> };
    expect(one.kind).toBe("Pod");
    expect(one.metadata.managedFields).toBeUndefined();
    const list = await k.run("get pods -o json");
    expect(list.stdout).toMatch(/^\{\n {4}"apiVersion": "v1",\n {4}"items": \[/);
    expect(list.stdout).toMatch(/"kind": "List",\n {4}"metadata": \{\n {8}"resourceVersion": ""\n {4}\}\n\}\n$/);
    expect((await k.run("get cm cfg -n dev -o yaml")).stdout).toMatch(/^apiVersion: v1\ndata:\n {2}a: "1"\nkind: ConfigMap\n/);
  });

  it("refuses bad output formats as kubectl does", async () => {
    const k = await withObjects();
    expect((await k.run("get pods -o foo")).stderr).toMatch(/^error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,/);
    expect((await k.run("get pods -o jsonpath")).stderr).toBe("error: template format specified but no template given\n");
    expect((await k.run("get")).stderr).toMatch(/^You must specify the type of resource to get\./);
  });

  it("watches: prints the table, then a row per change, until Ctrl-C", async () => {
    const k = await withObjects();
    const abort = new AbortController();
    const running = k.run("get pods -w", { signal: abort.signal });
    await new Promise((r) => setTimeout(r, 50));
    await k.admin.create("/api/v1/namespaces/default/pods", { apiVersion: "v1", kind: "Pod", metadata: { name: "late" }, spec: { containers: [{ name: "c", image: "x" }] } });
    await new Promise((r) => setTimeout(r, 50));
    // Later watch Tables carry no column definitions; the rows still print under the first table's columns.
    await k.admin.delete("/api/v1/namespaces/default/pods/late", { query: { gracePeriodSeconds: "0" } });
    await new Promise((r) => setTimeout(r, 50));
    abort.abort();
    const result = await running;
    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nweb-10 .*\nweb-2 .*\nlate +0\/1 +Pending +0 +0s\n(late +0\/1 +Pending +0 +0s\n)+$/);
  });
});

describe("kubectl get -f", () => {
  it("gets the objects a manifest names, in their namespaces, under one table per type", async () => {
    const k = await withObjects();
    await k.fs.writeFile(
      `${k.home}/pods.yaml`,
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-2\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web-10\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: dev\n",
    );
    const result = await k.run("get -f pods.yaml");
    expect(result.stdout).toMatch(/^NAME +READY.*\npod\/web-2 .*\npod\/web-10 .*\n\nNAME +DATA +AGE\nconfigmap\/cfg +1 +90s\n$/);
    await k.fs.writeFile(`${k.home}/bad.yaml`, "apiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n");
    expect((await k.run("get -f bad.yaml")).stderr).toContain('no matches for kind "Widget" in version "v1"');
  });
});
