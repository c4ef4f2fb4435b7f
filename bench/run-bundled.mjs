// Runs a benchmark as the code ships: bundles it and the worker with the production esbuild options into
// bench/.build/ (tsx's loader hooks and keepNames wrappers cost the worker about 5% of its CPU), then runs the
// bundle with plain node. The benchmark starts that worker bundle (KUBECLASS_WORKER_BUNDLE) instead of
// worker/main.ts under tsx.
//
//   node bench/run-bundled.mjs controllers-bench [benchmark options]
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { nodeBundleOptions } from "../scripts/bundle-options.mjs";

const [name, ...args] = process.argv.slice(2);
if (!name) {
  console.error("usage: node bench/run-bundled.mjs <benchmark, e.g. controllers-bench> [options]");
  process.exit(2);
}
const root = fileURLToPath(new URL("..", import.meta.url));
// bench/.build/ sits two levels below the repository, as bench/*.ts do, so paths the code computes from
// import.meta.url (tests/support/processes.ts' repoRoot) stay right.
await build({
  entryPoints: { [name]: `bench/${name}.ts`, worker: "worker/main.ts" },
  outdir: "bench/.build",
  absWorkingDir: root,
  ...nodeBundleOptions,
});
const child = spawn(process.execPath, [`bench/.build/${name}.js`, ...args], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, KUBECLASS_WORKER_BUNDLE: "bench/.build/worker.js" },
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
