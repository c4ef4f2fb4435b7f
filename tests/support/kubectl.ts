import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { KubectlResult } from "./kubectl-binary";

export { debianKubectl, kubectl, kubectlBinary, type KubectlResult } from "./kubectl-binary";

/** kubectl's stdout, once it has exited 0 with nothing that reads as an error on stderr (asserted). */
export function succeeded(result: KubectlResult): string {
  expect(result.stderr, result.stderr).not.toMatch(/error|Error/);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

/** Writes a manifest into `dir` for `kubectl apply -f <file>`; returns its path. */
export function writeManifest(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}
