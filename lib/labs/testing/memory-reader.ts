// A LabFileReader over a path → content map, failing like node:fs (ENOENT) for missing files.
import type { LabFileReader } from "../load-labs";

export function memoryReader(files: Record<string, string>): LabFileReader {
  const missing = (path: string): Error => Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: "ENOENT" });
  return {
    readFile(path) {
      const content = files[path];
      return content === undefined ? Promise.reject(missing(path)) : Promise.resolve(content);
    },
    readdir(path) {
      const prefix = `${path.replace(/\/$/, "")}/`;
      const names = Object.keys(files)
        .filter((p) => p.startsWith(prefix))
        .map((p) => p.slice(prefix.length).split("/")[0] ?? "");
      return Promise.resolve([...new Set(names)]);
    },
  };
}
