// Bundles the Node entry points (web server, worker, start-all, migrate, seed) into dist/. Next.js builds
// the app itself; packages stay external and load from node_modules.
import { build } from "esbuild";
import { nodeBundleOptions } from "./bundle-options.mjs";

await build({
  entryPoints: {
    server: "server.ts",
    worker: "worker/main.ts",
    "start-all": "scripts/start-all.ts",
    migrate: "scripts/db/migrate.ts",
    seed: "prisma/seed.ts",
    kubeconfig: "scripts/kubeconfig.ts",
  },
  outdir: "dist",
  ...nodeBundleOptions,
});
console.log("built dist/{server,worker,start-all,migrate,seed,kubeconfig}.js");
