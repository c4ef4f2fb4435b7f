import { describe, expect, it } from "vitest";
import { testKubectl } from "../testing/test-kubectl";

async function withConfigMaps() {
  const k = await testKubectl();
  for (const [name, tier] of [["a", "fe"], ["b", "fe"], ["c", "be"]]) {
    await k.admin.create("/api/v1/namespaces/default/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels: { tier } } });
  }
  return k;
}

describe("kubectl delete", () => {
  it("deletes by name as kubectl 1.35 prints it, waits, and reports NotFound after the others", async () => {
    const k = await withConfigMaps();
    expect(await k.run("delete cm a nope b")).toEqual({
      code: 1,
      stdout: 'configmap "a" deleted from default namespace\nconfigmap "b" deleted from default namespace\n',
      stderr: 'Error from server (NotFound): configmaps "nope" not found\n',
    });
    expect((await k.run("get cm c -o name")).stdout).toBe("configmap/c\n");
    expect((await k.run("get cm a")).code).toBe(1);
  });

  it("deletes by label selector and --all, ignoring NotFound, and says when nothing matched", async () => {
    const k = await withConfigMaps();
    expect((await k.run("delete cm -l tier=fe --wait=false")).stdout).toBe('configmap "a" deleted from default namespace\nconfigmap "b" deleted from default namespace\n');
    expect((await k.run("delete cm -l tier=fe")).stdout).toBe("No resources found\n");
    expect((await k.run("delete cm --all --dry-run=client")).stdout).toContain('configmap "c" deleted from default namespace (dry run)\n');
    expect((await k.run("delete cm")).stderr).toBe("error: resource(s) were provided, but no name was specified\n");
    expect((await k.run("delete")).stderr).toMatch(/^error: You must provide one or more resources by argument or filename\.\n/);
  });
});

describe("kubectl scale, label, annotate and patch", () => {
  it("scales a deployment through /scale", async () => {
    const k = await testKubectl();
    expect((await k.run("create deployment web --image=nginx")).code).toBe(0);
    expect(await k.run("scale deploy/web --replicas=3")).toEqual({ code: 0, stdout: "deployment.apps/web scaled\n", stderr: "" });
    expect((await k.run(["get", "deploy", "web", "-o", "jsonpath={.spec.replicas}"])).stdout).toBe("3");
    expect((await k.run("scale deploy web --replicas=2 --current-replicas=1")).stderr).toBe("error: Expected replicas to be 1, was 3\n");
  });

  it("labels and annotates with kubectl's messages and overwrite rule", async () => {
    const k = await withConfigMaps();
    expect((await k.run("label cm a tier=be")).stderr).toBe("error: 'tier' already has a value (fe), and --overwrite is false\n");
    expect((await k.run("label cm a tier=be --overwrite")).stdout).toBe("configmap/a labeled\n");
    expect((await k.run("label cm a tier=be")).stdout).toBe("configmap/a not labeled\n");
    expect((await k.run("label cm/a tier-")).stdout).toBe("configmap/a unlabeled\n");
    expect((await k.run("label cm a ghost-")).stdout).toBe('label "ghost" not found.\nconfigmap/a not labeled\n');
    expect((await k.run("annotate cm a note=hi")).stdout).toBe("configmap/a annotated\n");
    expect((await k.run("annotate cm a note=yo")).stderr).toBe("error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n");
    expect((await k.run(["get", "cm", "a", "-o", "jsonpath={.metadata.labels} {.metadata.annotations}"])).stdout).toBe('{} {"note":"hi"}');
  });

  it("patches in each format", async () => {
    const k = await withConfigMaps();
    expect((await k.run(["patch", "cm", "a", "--type=merge", "-p", '{"data":{"x":"1"}}'])).stdout).toBe("configmap/a patched\n");
    expect((await k.run(["patch", "cm", "a", "--type=json", "-p", '[{"op":"add","path":"/data/y","value":"2"}]'])).stdout).toBe("configmap/a patched\n");
    expect((await k.run(["patch", "cm", "a", "-p", "data: {z: '3'}"])).stdout).toBe("configmap/a patched\n");
    expect((await k.run(["get", "cm", "a", "-o", "jsonpath={.data}"])).stdout).toBe('{"x":"1","y":"2","z":"3"}');
    expect((await k.run("patch cm a")).stderr).toBe("error: must specify --patch or --patch-file containing the contents of the patch\n");
  });
});
