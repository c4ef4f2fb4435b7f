import { describe, expect, it } from "vitest";
import { MemoryFs } from "../../terminal/memory-fs";
import { textInput } from "../../terminal/program";
import { ManifestError, readManifests } from "./read-manifests";

async function fsWith(files: Record<string, string>): Promise<MemoryFs> {
  const fs = new MemoryFs();
  for (const [path, content] of Object.entries(files)) {
    await fs.mkdir(path.slice(0, path.lastIndexOf("/")) || "/", { parents: true });
    await fs.writeFile(path, content);
  }
  return fs;
}

const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe("readManifests", () => {
  it("reads multi-document YAML relative to the working directory, skipping empty documents", async () => {
    const fs = await fsWith({ "/home/u/app.yaml": `---\n${cm("a")}---\n\n---\n${cm("b")}` });
    const out = await readManifests({ fs, cwd: "/home/u", stdin: textInput("") }, ["app.yaml"]);
    expect(out.map((m) => [m.source, (m.object.metadata as { name: string }).name])).toEqual([
      ["app.yaml", "a"],
      ["app.yaml", "b"],
    ]);
  });

  it("reads a directory's manifests in name order, ignoring other files and (without -R) subdirectories", async () => {
    const fs = await fsWith({
      "/m/b.yml": cm("b"),
      "/m/a.json": JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } }),
      "/m/notes.txt": "not a manifest",
      "/m/sub/c.yaml": cm("c"),
    });
    const names = async (recursive: boolean) =>
      (await readManifests({ fs, cwd: "/", stdin: textInput("") }, ["/m"], recursive)).map((m) => `${m.source}:${(m.object.metadata as { name: string }).name}`);
    expect(await names(false)).toEqual(["/m/a.json:a", "/m/b.yml:b"]);
    expect(await names(true)).toEqual(["/m/a.json:a", "/m/b.yml:b", "/m/sub/c.yaml:c"]);
  });

  it("reads standard input for -f - and expands Lists", async () => {
    const list = JSON.stringify({ apiVersion: "v1", kind: "List", items: [{ kind: "ConfigMap", metadata: { name: "x" } }, { kind: "Secret", metadata: { name: "y" } }] });
    const out = await readManifests({ fs: new MemoryFs(), cwd: "/", stdin: textInput(list) }, ["-"]);
    expect(out.map((m) => [m.source, m.object.kind])).toEqual([
      ["STDIN", "ConfigMap"],
      ["STDIN", "Secret"],
    ]);
  });

  it("decodes YAML 1.1 scalars as go-yaml v2 does, keeping timestamps as strings", async () => {
    const fs = await fsWith({ "/a.yaml": "kind: ConfigMap\nx: yes\nmode: 0644\nat: 2024-01-01T00:00:00Z\ntime: 1:20\n" });
    const [m] = await readManifests({ fs, cwd: "/", stdin: textInput("") }, ["a.yaml"]);
    expect(m?.object).toEqual({ kind: "ConfigMap", x: true, mode: 420, at: "2024-01-01T00:00:00Z", time: "1:20" });
  });

  it("fails like kubectl for a missing path and for broken YAML", async () => {
    const from = { fs: await fsWith({ "/bad.yaml": "a: [1,\n" }), cwd: "/", stdin: textInput("") };
    await expect(readManifests(from, ["nope.yaml"])).rejects.toThrow(new ManifestError('the path "nope.yaml" does not exist'));
    await expect(readManifests(from, ["bad.yaml"])).rejects.toThrow(/^error parsing bad\.yaml: error converting YAML to JSON: yaml: /);
  });
});
