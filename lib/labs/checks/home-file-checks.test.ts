import { describe, expect, it } from "vitest";
import { evaluateStep } from "../evaluate";
import { normaliseHomePath } from "../home-file-path";
import { labFromChecks } from "../testing/lab-from-checks";
import { MemoryLabCluster } from "../testing/memory-lab-cluster";
import { parseYamlPath, readYamlPath } from "./home-file-checks";

const kubeconfig = `apiVersion: v1
kind: Config
clusters:
- name: kubeclass
  cluster: {server: "https://kubeclass.example"}
contexts:
- name: kubeclass
  context: {cluster: kubeclass, user: jane@example.org, namespace: jane}
- name: dev
  context: {cluster: kubeclass, user: jane@example.org, namespace: dev}
current-context: dev
`;

async function run(checkYaml: string, homeFiles: Record<string, string> = { ".kube/config": kubeconfig }): Promise<{ passed: boolean; message: string }> {
  const lab = await labFromChecks(`- ${checkYaml}`);
  const result = await evaluateStep(lab, "only", new MemoryLabCluster({ homeFiles }), new Date(0));
  const first = result.results[0]!;
  return { passed: first.passed, message: first.message };
}

describe("homeFile", () => {
  it("passes when the file exists, and says which file is missing", async () => {
    expect(await run("{ id: c, type: homeFile, path: .kube/config }")).toEqual({ passed: true, message: "~/.kube/config exists" });
    expect(await run("{ id: c, type: homeFile, path: ./.kube//config }")).toEqual({ passed: true, message: "~/.kube/config exists" });
    expect(await run("{ id: c, type: homeFile, path: team.kubeconfig }")).toEqual({
      passed: false,
      message: "~/team.kubeconfig not found; the step wants it to exist",
    });
  });

  it("checks that a file is gone", async () => {
    expect(await run("{ id: c, type: homeFile, path: old.yml, exists: false }")).toEqual({ passed: true, message: "~/old.yml does not exist" });
    expect(await run("{ id: c, type: homeFile, path: .kube/config, exists: false }")).toEqual({
      passed: false,
      message: "~/.kube/config still exists; the step wants it gone",
    });
  });

  it("looks for text in the file", async () => {
    expect(await run("{ id: c, type: homeFile, path: .kube/config, contains: 'namespace: dev' }")).toEqual({
      passed: true,
      message: '~/.kube/config contains "namespace: dev"',
    });
    expect(await run("{ id: c, type: homeFile, path: notes.txt, contains: workers }", { "notes.txt": "three nodes\nand more" })).toEqual({
      passed: false,
      message: '~/notes.txt does not contain "workers" (it starts "three nodes")',
    });
    expect((await run("{ id: c, type: homeFile, path: notes.txt, contains: workers }", { "notes.txt": "" })).message).toBe(
      '~/notes.txt does not contain "workers" (it is empty)',
    );
  });

  it("compares YAML fields, picking list items by a key", async () => {
    expect(await run('{ id: c, type: homeFile, path: .kube/config, yamlFields: { current-context: dev, "contexts[name=dev].context.namespace": dev } }')).toEqual({
      passed: true,
      message: "~/.kube/config has current-context = dev, contexts[name=dev].context.namespace = dev",
    });
    expect(await run('{ id: c, type: homeFile, path: .kube/config, yamlFields: { current-context: kubeclass } }')).toEqual({
      passed: false,
      message: "~/.kube/config has current-context = dev; the step wants kubeclass",
    });
    expect((await run('{ id: c, type: homeFile, path: .kube/config, yamlFields: { "contexts[name=prod].context.namespace": prod } }')).message).toBe(
      "~/.kube/config has contexts[name=prod].context.namespace = unset; the step wants prod",
    );
  });

  it("reads ${namespace} as the learner's namespace", async () => {
    const config = kubeconfig.replace("namespace: jane", "namespace: learner-1");
    expect(await run('{ id: c, type: homeFile, path: .kube/config, yamlFields: { "contexts[name=kubeclass].context.namespace": "${namespace}" } }', { ".kube/config": config })).toEqual({
      passed: true,
      message: "~/.kube/config has contexts[name=kubeclass].context.namespace = learner-1",
    });
    expect((await run('{ id: c, type: homeFile, path: .kube/config, yamlFields: { "contexts[name=dev].context.namespace": "${namespace}" } }')).message).toBe(
      "~/.kube/config has contexts[name=dev].context.namespace = dev; the step wants learner-1",
    );
    expect((await run("{ id: c, type: homeFile, path: .kube/config, contains: 'namespace: ${namespace}' }", { ".kube/config": config })).passed).toBe(true);
  });

  it("says when the file is not YAML", async () => {
    expect(await run("{ id: c, type: homeFile, path: bad.yml, yamlFields: { a: 1 } }", { "bad.yml": "a: [1\n" })).toMatchObject({
      passed: false,
      message: expect.stringMatching(/^~\/bad\.yml is not valid YAML \(.+\); the step wants a = 1$/) as unknown,
    });
  });

  it("refuses paths outside the home and contradictory checks when the lab loads", async () => {
    await expect(labFromChecks("- { id: c, type: homeFile, path: ../joe/.kube/config }")).rejects.toThrow(/path: must be a path relative to the home/);
    await expect(labFromChecks("- { id: c, type: homeFile, path: /etc/passwd }")).rejects.toThrow(/path: must be a path relative to the home/);
    await expect(labFromChecks("- { id: c, type: homeFile, path: x, exists: false, contains: y }")).rejects.toThrow(/exists: a file that must not exist/);
  });
});

describe("home paths and YAML paths", () => {
  it("normalises relative paths and refuses the rest", () => {
    expect(normaliseHomePath("./a//b/")).toBe("a/b");
    expect(normaliseHomePath("a/../b")).toBeUndefined();
    expect(normaliseHomePath("/a")).toBeUndefined();
    expect(normaliseHomePath("./")).toBeUndefined();
  });

  it("reads indexes, quoted keys and [key=value] selectors", () => {
    expect(parseYamlPath('a[0]["b.c"][name="x.y"].d')).toEqual(["a", 0, "b.c", { key: "name", value: "x.y" }, "d"]);
    const doc = { items: [{ name: "a", v: 1 }, { name: "b", v: 2 }], "x.y": { z: true } };
    expect(readYamlPath(doc, "items[name=b].v")).toBe(2);
    expect(readYamlPath(doc, "items[1].name")).toBe("b");
    expect(readYamlPath(doc, '["x.y"].z')).toBe(true);
    expect(readYamlPath(doc, "items[name=c].v")).toBeUndefined();
    expect(readYamlPath(doc, "x.y[name=a]")).toBeUndefined();
  });
});
