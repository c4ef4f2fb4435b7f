// `npm run dev`: generate the Prisma client, migrate the dev database, then run the web (Next.js hot reload)
// and the worker (restarted by tsx on change) together. Ctrl-C stops both.
import { spawn, spawnSync } from "node:child_process";

const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run("npm", ["run", "--silent", "db:generate"]);
run("npx", ["tsx", "scripts/db/migrate.ts"]);

const children = [
  spawn("npx", ["tsx", "server.ts"], { stdio: "inherit" }),
  spawn("npx", ["tsx", "watch", "--clear-screen=false", "worker/main.ts"], { stdio: "inherit" }),
];
const stop = (signal) => children.forEach((child) => child.kill(signal));
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
for (const child of children) {
  child.on("exit", (code) => {
    stop("SIGTERM");
    process.exitCode = code ?? 0;
  });
}
