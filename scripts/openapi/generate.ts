/**
 * Derives the OpenAPI definitions kubeclass serves from kubernetes-types' declarations.
 * Usage: npm run generate:openapi   (tsx scripts/openapi/generate.ts)
 * Writes lib/cluster/api/openapi/generated/definitions.json (git-ignored); the output is byte-stable.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readDeclarations } from "./read-declarations";

const started = performance.now();
const require = createRequire(import.meta.url);
const typesRoot = path.dirname(require.resolve("kubernetes-types/package.json"));
const outFile = fileURLToPath(new URL("../../lib/cluster/api/openapi/generated/definitions.json", import.meta.url));

const model = readDeclarations(typesRoot);
mkdirSync(path.dirname(outFile), { recursive: true });
const text = `${JSON.stringify(model)}\n`;
writeFileSync(outFile, text);

const count = Object.keys(model.definitions).length;
const ms = Math.round(performance.now() - started);
const { package: pkg, version } = model.source;
const size = `${Math.round(text.length / 1024)} KiB`;
const where = path.relative(process.cwd(), outFile);
console.log(`openapi: ${count} definitions from ${pkg} ${version} → ${where} (${size}, ${ms} ms)`);
