// `npm run db:generate`: writes the Prisma client to lib/server/db/generated/prisma, offline.
//
// `prisma generate` itself needs no database and no native engine, but the Prisma 7.10 CLI still insists on a
// schema-engine binary at start-up and tries to download one from binaries.prisma.sh when none is configured
// (which fails without internet). It only checks that PRISMA_SCHEMA_ENGINE_BINARY names an existing file and never
// runs it during generate, so we point it at the Node binary, which exists wherever this script runs.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

let cli;
try {
  cli = require.resolve("prisma/build/index.js");
} catch {
  console.error("db:generate: the prisma package is not installed; run `npm install` first");
  process.exit(1);
}

const result = spawnSync(process.execPath, [cli, "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
    CHECKPOINT_DISABLE: "1", // no version check / telemetry request to checkpoint.prisma.io
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  },
});

if (result.error) {
  console.error(`db:generate: could not start the Prisma CLI: ${result.error.message}`);
  process.exit(1);
}
if (result.status !== 0) {
  console.error(`db:generate: \`prisma generate\` failed (exit ${result.status ?? result.signal}); see the output above`);
  process.exit(result.status || 1);
}
