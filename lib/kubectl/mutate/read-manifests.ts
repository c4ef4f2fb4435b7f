/**
 * `-f` for apply, create, replace, delete: files, directories (their .json/.yaml/.yml files in name order; with
 * -R, subdirectories too) and `-` for standard input, each decoded into its objects in order.
 */
import { posix } from "node:path";
import type { JsonObject } from "../../cluster/api/patch/json-value";
import { readAll, type InputStream } from "../../terminal/program";
import type { VirtualFs } from "../../terminal/virtual-fs";
import { ManifestError, decodeManifests } from "./yaml-documents";

export { ManifestError } from "./yaml-documents";

export type ManifestSource = { fs: VirtualFs; cwd: string; stdin: InputStream };

/** One object from a manifest, with where it came from (kubectl names the file in per-object errors). */
export type Manifest = { source: string; object: JsonObject };

const MANIFEST_EXTENSIONS = [".json", ".yaml", ".yml"];

export async function readManifests(from: ManifestSource, filenames: string[], recursive = false): Promise<Manifest[]> {
  const manifests: Manifest[] = [];
  let stdinRead = false;
  for (const name of filenames) {
    if (name === "-") {
      if (stdinRead) continue;
      stdinRead = true;
      manifests.push(...decodeManifests(await readAll(from.stdin), "STDIN").map((object) => ({ source: "STDIN", object })));
      continue;
    }
    if (/^https?:\/\//.test(name)) throw new ManifestError(`unable to read URL "${name}": remote manifests are not available in this terminal`);
    const path = posix.resolve(from.cwd, name);
    const stat = await from.fs.stat(path);
    if (!stat) throw new ManifestError(`the path "${name}" does not exist`);
    const files = stat.kind === "file" ? [{ path, shown: name }] : await manifestFiles(from.fs, path, name, recursive);
    for (const file of files) {
      const text = await from.fs.readFile(file.path);
      manifests.push(...decodeManifests(text, file.shown).map((object) => ({ source: file.shown, object })));
    }
  }
  return manifests;
}

/** A directory's manifest files as kubectl walks them: lexical order, subdirectories only when recursive. */
async function manifestFiles(fs: VirtualFs, dir: string, shown: string, recursive: boolean): Promise<{ path: string; shown: string }[]> {
  const out: { path: string; shown: string }[] = [];
  for (const entry of await fs.list(dir)) {
    const path = posix.join(dir, entry.name);
    const shownPath = posix.join(shown, entry.name);
    if (entry.kind === "dir") {
      if (recursive) out.push(...(await manifestFiles(fs, path, shownPath, true)));
    } else if (MANIFEST_EXTENSIONS.includes(posix.extname(entry.name))) {
      out.push({ path, shown: shownPath });
    }
  }
  return out;
}
