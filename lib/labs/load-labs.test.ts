import { describe, expect, it } from "vitest";
import { labCatalog } from "./lab-catalog";
import { LabLoadError, loadLabs } from "./load-labs";
import { memoryReader } from "./testing/memory-reader";

const header = (slug: string, chapter: number): string => `slug: ${slug}
title: ${slug} lab
chapter: { number: ${chapter}, name: Chapter ${chapter} }
summary: Practise ${slug}.
objectives: [Do ${slug}]
estimatedMinutes: 20
`;

const goodLab = `${header("deployments", 6)}steps:
  - id: create
    title: Create it
    hints: [first, second]
    starterFiles:
      - { path: deploy.yml, from: manifests/deploy.yml }
      - { path: notes.txt, content: "hello" }
    setup:
      files: [manifests/broken.yml]
      objects:
        - { apiVersion: v1, kind: ConfigMap, metadata: { name: cfg }, data: { a: b } }
    checks:
      - { id: exists, type: objectExists, kind: Deployment, name: hello-deploy, points: 2 }
      - { id: ready, type: readyReplicas, name: hello-deploy, count: 10 }
    solution:
      - kubectl apply -f deploy.yml
`;

const files = {
  "labs/06-deployments/lab.yaml": goodLab,
  "labs/06-deployments/steps/create.md": "# Create the Deployment\n",
  "labs/04-pods/lab.yaml": `${header("pods", 4)}steps:\n  - { id: run, title: Run, instructions: Run a pod., faultDrill: true }\n`,
  "labs/manifests/deploy.yml": "kind: Deployment\n",
  "labs/manifests/broken.yml": "apiVersion: v1\nkind: Pod\nmetadata: { name: a }\n---\napiVersion: v1\nkind: Pod\nmetadata: { name: b }\n",
};

async function problemsFor(labYaml: string, extra: Record<string, string> = {}): Promise<string[]> {
  try {
    await loadLabs("labs", memoryReader({ ...files, "labs/06-deployments/lab.yaml": labYaml, ...extra }));
  } catch (err) {
    if (err instanceof LabLoadError) return err.problems;
    throw err;
  }
  return [];
}

describe("loadLabs", () => {
  it("loads, inlines files and sorts by chapter", async () => {
    const labs = await loadLabs("labs", memoryReader(files));
    expect(labs.map((l) => l.slug)).toEqual(["pods", "deployments"]);
    const step = labs[1]!.steps[0]!;
    expect(step.instructions).toBe("# Create the Deployment\n");
    expect(step.starterFiles).toEqual([
      { path: "deploy.yml", content: "kind: Deployment\n" },
      { path: "notes.txt", content: "hello" },
    ]);
    expect(step.setup.objects.map((o) => (o.metadata as { name: string }).name)).toEqual(["cfg", "a", "b"]);
    expect(step.checks[1]).toMatchObject({ kind: "Deployment", points: 1, count: 10 });
    expect(labs[0]!.steps[0]).toMatchObject({ faultDrill: true, hints: [], checks: [], solution: [] });
    expect(labCatalog(labs)[1]).toMatchObject({ slug: "deployments", stepCount: 1, maxScore: 3 });
  });

  it("rejects a check that names a namespace, naming file and field", async () => {
    const bad = goodLab.replace("count: 10 }", "count: 10, namespace: kube-system }");
    const problems = await problemsFor(bad);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^labs\/06-deployments\/lab\.yaml: steps\[0\]\.checks\[1\]: .*namespace/);
  });

  it("rejects setup objects that name a namespace, inline or in a file", async () => {
    const inline = goodLab.replace("metadata: { name: cfg }", "metadata: { name: cfg, namespace: other }");
    expect(await problemsFor(inline)).toEqual([
      "labs/06-deployments/lab.yaml: steps[0].setup.objects[0].metadata.namespace: setup objects may not name a namespace: they go to the learner's",
    ]);
    const fromFile = await problemsFor(goodLab, { "labs/manifests/broken.yml": "kind: Pod\nmetadata: { name: a, namespace: x }\n" });
    expect(fromFile[0]).toContain("steps[0].setup.files[0]: manifests/broken.yml names a namespace");
  });

  it("names the field for wrong types, unknown check types and missing counts", async () => {
    expect(await problemsFor(goodLab.replace("count: 10", 'count: "ten"'))).toEqual([
      expect.stringMatching(/lab\.yaml: steps\[0\]\.checks\[1\]\.count: .*number/),
    ]);
    expect((await problemsFor(goodLab.replace("type: objectExists", "type: objectThere")))[0]).toMatch(/steps\[0\]\.checks\[0\]\.type/);
    expect(await problemsFor(goodLab.replace(", count: 10", ""))).toEqual([
      "labs/06-deployments/lab.yaml: steps[0].checks[1]: give one of count, min",
    ]);
  });

  it("rejects duplicate check ids, missing ids and missing instructions", async () => {
    expect(await problemsFor(goodLab.replace("id: ready", "id: exists"))).toEqual([
      'labs/06-deployments/lab.yaml: steps[0].checks[1].id: duplicate check id "exists"',
    ]);
    expect(await problemsFor(goodLab.replace("id: ready, ", ""))).toEqual(["labs/06-deployments/lab.yaml: steps[0].checks[1].id: a check needs an id"]);
    expect(await problemsFor(goodLab, { "labs/06-deployments/steps/create.md": undefined as unknown as string })).toEqual([
      "labs/06-deployments/lab.yaml: steps[0].instructions: missing (and no steps/create.md)",
    ]);
  });

  it("rejects missing starter files, paths climbing out, bad regexes and duplicate slugs", async () => {
    expect(await problemsFor(goodLab.replace("manifests/deploy.yml", "manifests/nope.yml"))).toEqual([
      "labs/06-deployments/lab.yaml: steps[0].starterFiles[0].from: file manifests/nope.yml not found under labs",
    ]);
    expect((await problemsFor(goodLab.replace("path: notes.txt", "path: ../etc/passwd")))[0]).toMatch(/steps\[0\]\.starterFiles\[1\]/);
    const regex = goodLab.replace("- { id: exists, type: objectExists, kind: Deployment, name: hello-deploy, points: 2 }", '- { id: ran, type: commandRun, pattern: "kubectl (" }');
    expect(await problemsFor(regex)).toEqual(["labs/06-deployments/lab.yaml: steps[0].checks[0].pattern: is not a valid regular expression"]);
    expect(await problemsFor(goodLab.replace("slug: deployments", "slug: pods"))).toEqual([
      'labs/06-deployments/lab.yaml: slug: "pods" is also used by 04-pods',
    ]);
  });

  it("reports YAML syntax errors with the file name", async () => {
    const problems = await problemsFor("slug: [unclosed\n");
    expect(problems[0]).toMatch(/^labs\/06-deployments\/lab\.yaml: /);
  });
});
