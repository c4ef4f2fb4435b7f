/**
 * The container's entry point: optionally migrate and seed, then run the web and the worker side by side.
 * If either stops, the other is stopped too and the exit code is passed on, so the container restarts whole.
 * (Web and worker can also run as separate processes: `npm start` and `npm run start:worker`.)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { env } from "@/lib/server/env";

const here = dirname(fileURLToPath(import.meta.url));
const config = env();

function runToEnd(script: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(here, script)], { stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}`))));
  });
}

try {
  if (config.MIGRATE_ON_START) await runToEnd("migrate.js");
  if (config.SEED_DEMO) await runToEnd("seed.js");
} catch (error) {
  console.error(`kubeclass: ${(error as Error).message}`);
  process.exit(1);
}

const children: ChildProcess[] = ["server.js", "worker.js"].map((script) =>
  spawn(process.execPath, [join(here, script)], { stdio: "inherit" }),
);
let exitCode: number | undefined;

for (const child of children) {
  child.on("exit", (code, signal) => {
    exitCode ??= code ?? (signal ? 1 : 0);
    for (const other of children) if (other.exitCode === null && other.signalCode === null) other.kill("SIGTERM");
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(exitCode);
  });
}

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    exitCode ??= 0;
    for (const child of children) child.kill(signal);
  });
}
