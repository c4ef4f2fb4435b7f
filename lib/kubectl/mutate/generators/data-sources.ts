/**
 * `--from-literal`, `--from-file` and `--from-env-file` for `create configmap` and `create secret generic`,
 * read as kubectl reads them, into key → text.
 */
import { posix } from "node:path";
import type { VirtualFs } from "../../../terminal/virtual-fs";
import { GeneratorError } from "./generator-error";

export type DataSources = { literals: string[]; files: string[]; envFiles: string[] };
export type DataReader = { fs: VirtualFs; cwd: string; env: Map<string, string> };

const KEY = /^[-._a-zA-Z0-9]+$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Collects the data; `kind` names the object in duplicate-key errors ("ConfigMap", "Secret"). */
export async function readDataSources(reader: DataReader, sources: DataSources, kind: string, name: string): Promise<Map<string, string>> {
  const data = new Map<string, string>();
  const add = (key: string, value: string) => {
    if (!KEY.test(key)) throw new GeneratorError(`"${key}" is not a valid key name for a ${kind}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`);
    if (data.has(key)) throw new GeneratorError(`cannot add key ${key}, another key by that name already exists in Data for ${kind} "${name}"`);
    data.set(key, value);
  };
  for (const file of sources.files) {
    const eq = file.indexOf("=");
    const [key, path] = eq >= 0 ? [file.slice(0, eq), file.slice(eq + 1)] : [undefined, file];
    if (key === "" || path === "") throw new GeneratorError(`key names or file paths cannot be empty`);
    const full = posix.resolve(reader.cwd, path);
    const stat = await reader.fs.stat(full);
    if (!stat) throw new GeneratorError(`error reading ${path}: no such file or directory`);
    if (stat.kind === "dir") {
      if (key !== undefined) throw new GeneratorError(`cannot give a key name for a directory path`);
      for (const entry of await reader.fs.list(full)) {
        if (entry.kind === "file") add(entry.name, await reader.fs.readFile(posix.join(full, entry.name)));
      }
    } else {
      add(key ?? posix.basename(path), await reader.fs.readFile(full));
    }
  }
  for (const literal of sources.literals) {
    const eq = literal.indexOf("=");
    if (eq <= 0) throw new GeneratorError(`invalid literal source ${literal}, expected key=value`);
    add(literal.slice(0, eq), literal.slice(eq + 1));
  }
  for (const envFile of sources.envFiles) {
    const full = posix.resolve(reader.cwd, envFile);
    if (!(await reader.fs.stat(full))) throw new GeneratorError(`error reading ${envFile}: no such file or directory`);
    const text = (await reader.fs.readFile(full)).replace(/^\uFEFF/, "");
    text.split("\n").forEach((raw, index) => {
      const line = raw.replace(/\r$/, "").trimStart();
      if (line === "" || line.startsWith("#")) return;
      const eq = line.indexOf("=");
      const key = eq >= 0 ? line.slice(0, eq) : line;
      if (!ENV_NAME.test(key)) throw new GeneratorError(`"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (line ${index + 1})`);
      const value = eq >= 0 ? line.slice(eq + 1) : reader.env.get(key);
      if (value !== undefined) add(key, value);
    });
  }
  return data;
}
