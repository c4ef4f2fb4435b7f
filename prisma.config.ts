import { defineConfig } from "prisma/config";
import { env } from "./lib/server/env";

// Prisma 7 reads the connection URL here rather than from schema.prisma. Going through env() keeps one
// source of truth for DATABASE_URL and its default. Only the Prisma CLI uses this file; the app and the
// migration scripts connect through lib/server/db.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    seed: "tsx prisma/seed.ts",
  },
  datasource: {
    url: env().DATABASE_URL,
  },
});
