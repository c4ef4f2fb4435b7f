import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeKubernetesProtobuf, ProtobufBodyError } from "./decode-kubernetes-protobuf";

const testdata = new URL("./testdata/", import.meta.url);
const read = (dir: string, file: string) => readFileSync(new URL(`${dir}/${file}`, testdata));
const readJson = (dir: string, file: string) => JSON.parse(read(dir, file).toString("utf8")) as unknown;
const fixtures = (dir: string) =>
  readdirSync(new URL(dir, testdata))
    .filter((file) => file.endsWith(".pb"))
    .map((file) => file.slice(0, -".pb".length));

/** Bodies whose objects have fields newer than the 1.21 schemas: refused, naming where and which number. */
const newerThanSchemas: Record<string, RegExp> = {
  "certificate-approve-newer-field": /^unable to decode protobuf body: spec \(k8s\.io\.api\.certificates\.v1\.CertificateSigningRequestSpec\) has field number 8 \(wire type 0\)/,
  "create-job-from-cronjob-newer-fields": /^unable to decode protobuf body: spec \(k8s\.io\.api\.batch\.v1\.JobSpec\) has field number 11 \(wire type 2\)/,
  "auth-whoami": /^unable to decode protobuf body: no protobuf schema for SelfSubjectReview in authentication\.k8s\.io\/v1$/,
};

/**
 * Where kubectl 1.35's JSON differs from ours without a different object (see message-to-json.ts): it writes
 * zero values of fields without omitempty (0, null), and since 1.33 leaves out a zero creationTimestamp that
 * older kubectl (and we) write as null.
 */
const writtenOnlyByGo: Record<string, string[]> = {
  "create-poddisruptionbudget": [
    "status.disruptionsAllowed",
    "status.currentHealthy",
    "status.desiredHealthy",
    "status.expectedPods",
  ],
  autoscale: ["status.desiredReplicas", "status.currentMetrics"],
  "create-clusterrole-aggregation": ["rules"],
};

function withoutPaths(value: unknown, paths: string[]): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const path of paths) {
    const keys = path.split(".");
    const last = keys.pop() ?? "";
    const parent = keys.reduce<Record<string, unknown>>((object, key) => object[key] as Record<string, unknown>, copy);
    expect(parent[last] === 0 || parent[last] === null).toBe(true);
    delete parent[last];
  }
  return copy;
}

function withoutNullCreationTimestamps(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, inner: unknown) =>
    key === "creationTimestamp" && inner === null ? undefined : inner,
  ) as unknown;
}

describe("bodies kubectl 1.32 sent", () => {
  it.each(fixtures("kubectl-1.32"))("%s decodes to exactly the JSON kubectl prints for it", (name) => {
    expect(decodeKubernetesProtobuf(read("kubectl-1.32", `${name}.pb`))).toEqual(
      readJson("kubectl-1.32", `${name}.kubectl.json`),
    );
  });
});

describe("bodies kubectl 1.35 sent", () => {
  const dir = "kubectl-1.35";
  const readable = fixtures(dir).filter((name) => !(name in newerThanSchemas));

  it.each(readable)("%s decodes to the object kubectl meant", (name) => {
    const decoded = decodeKubernetesProtobuf(read(dir, `${name}.pb`));
    if (existsSync(new URL(`${dir}/${name}.expected.json`, testdata))) {
      expect(decoded).toEqual(readJson(dir, `${name}.expected.json`));
      return;
    }
    const kubectl = withoutPaths(readJson(dir, `${name}.kubectl.json`), writtenOnlyByGo[name] ?? []);
    expect(withoutNullCreationTimestamps(decoded)).toEqual(kubectl);
  });

  it.each(Object.entries(newerThanSchemas))("%s is refused with a 400 that says why", (name, message) => {
    const decode = () => decodeKubernetesProtobuf(read(dir, `${name}.pb`));
    expect(decode).toThrow(ProtobufBodyError);
    expect(decode).toThrow(message);
  });

  it("covers every recorded body", () => {
    expect(readable.length + Object.keys(newerThanSchemas).length).toBe(fixtures(dir).length);
    expect(fixtures(dir).length).toBeGreaterThanOrEqual(30);
  });
});
