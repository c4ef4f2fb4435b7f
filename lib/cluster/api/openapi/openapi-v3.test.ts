import { describe, expect, it } from "vitest";
import { contentHash, createOpenApiDocuments, openApiV3Document, openApiV3Index } from "./openapi-documents";
import { groupVersionPath, type ServedResource } from "./served-resource";
import { servedResources } from "./served-resources.fixture";

type Json = Record<string, unknown>;
type Doc = { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };

const docs = createOpenApiDocuments(servedResources);
const index = JSON.parse(docs.v3Index()) as { paths: Record<string, { serverRelativeURL: string }> };
const documentOf = (gvPath: string, from = docs): Doc => JSON.parse(from.v3Document(gvPath)?.json ?? "null") as Doc;
const gvPaths = [...new Set(servedResources.map((r) => groupVersionPath(r.group, r.version)))].sort();

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key === "$ref" && typeof item === "string") found.push(item);
      else refsIn(item, found);
    }
  }
  return found;
}

/** What `kubectl explain` (plaintext template) does: a GVR's paths → the operation GVK → the schema listing it. */
function explainLookup(doc: Doc, resource: ServedResource): Json | undefined {
  const root = resource.group === "" ? "/api" : `/apis/${resource.group}`;
  const searchPaths = [
    `${root}/${resource.version}/${resource.plural}`,
    `${root}/${resource.version}/${resource.plural}/{name}`,
    `${root}/${resource.version}/namespaces/{namespace}/${resource.plural}`,
    `${root}/${resource.version}/namespaces/{namespace}/${resource.plural}/{name}`,
  ];
  let gvk: Json | undefined;
  for (const path of searchPaths) {
    for (const method of ["get", "post", "put", "patch", "delete"]) {
      gvk ??= doc.paths[path]?.[method]?.["x-kubernetes-group-version-kind"] as Json | undefined;
    }
  }
  if (!gvk) return undefined;
  return Object.values(doc.components.schemas).find((schema) =>
    ((schema["x-kubernetes-group-version-kind"] as Json[] | undefined) ?? []).some((g) => JSON.stringify(g) === JSON.stringify(gvk)),
  );
}

describe("OpenAPI v3 index", () => {
  it("lists every served group version with a hash-versioned URL", () => {
    expect(Object.keys(index.paths)).toEqual(gvPaths);
    for (const gvPath of gvPaths) {
      const hash = docs.v3Document(gvPath)?.hash;
      expect(hash).toMatch(/^[0-9A-F]{128}$/);
      expect(index.paths[gvPath]?.serverRelativeURL).toBe(`/openapi/v3/${gvPath}?hash=${hash}`);
    }
  });

  it("hashes the document's content, so a change shows in the index and nowhere else", () => {
    const apps = docs.v3Document("apis/apps/v1");
    expect(apps?.hash).toBe(contentHash(apps?.json ?? ""));
    const changed = servedResources.map((r) => (r.kind === "DaemonSet" ? { ...r, verbs: r.verbs.filter((v) => v !== "patch") } : r));
    const other = createOpenApiDocuments(changed);
    expect(other.v3Document("apis/apps/v1")?.hash).not.toBe(apps?.hash);
    expect(other.v3Document("apis/batch/v1")?.hash).toBe(docs.v3Document("apis/batch/v1")?.hash);
    expect(createOpenApiDocuments(servedResources).v3Index()).toBe(docs.v3Index());
  });

  it("puts the API server's path prefix into the URLs", () => {
    const prefixed = JSON.parse(docs.v3Index("/k8s/")) as typeof index;
    expect(prefixed.paths["api/v1"]?.serverRelativeURL).toMatch(/^\/k8s\/openapi\/v3\/api\/v1\?hash=/);
  });

  it("serves documents by path, with or without a leading slash, and nothing for unknown paths", () => {
    expect(docs.v3Document("/api/v1")).toBe(docs.v3Document("api/v1"));
    expect(docs.v3Document("apis/policy/v1")).toBeUndefined();
    expect(openApiV3Document(servedResources, "api/v1")?.hash).toBe(docs.v3Document("api/v1")?.hash);
    expect(openApiV3Index(servedResources)).toBe(docs.v3Index());
  });
});

describe("OpenAPI v3 group version documents", () => {
  it("resolve every $ref inside the document", () => {
    for (const gvPath of gvPaths) {
      const doc = documentOf(gvPath);
      for (const ref of refsIn(doc)) {
        expect(ref).toMatch(/^#\/components\/schemas\//);
        expect(doc.components.schemas[ref.slice("#/components/schemas/".length)], `${gvPath}: ${ref}`).toBeDefined();
      }
    }
  });

  it("has every served kind's schema with its GVK, found the way kubectl explain finds it", () => {
    for (const resource of servedResources) {
      const doc = documentOf(groupVersionPath(resource.group, resource.version));
      const schema = explainLookup(doc, resource);
      expect(schema, resource.kind).toBeDefined();
      expect(schema?.["x-kubernetes-group-version-kind"]).toContainEqual({ group: resource.group, version: resource.version, kind: resource.kind });
    }
  });

  it("advertises fieldValidation on the PATCH of every patchable kind (so kubectl validates server-side)", () => {
    for (const resource of servedResources.filter((r) => r.verbs.includes("patch"))) {
      const doc = documentOf(groupVersionPath(resource.group, resource.version));
      const gvk = { group: resource.group, kind: resource.kind, version: resource.version };
      const patches = Object.values(doc.paths)
        .map((item) => item.patch)
        .filter((op) => JSON.stringify(op?.["x-kubernetes-group-version-kind"]) === JSON.stringify(gvk));
      expect(patches.length, resource.kind).toBeGreaterThan(0);
      for (const op of patches) {
        const params = op?.parameters as { name: string; in: string }[];
        expect(params).toContainEqual(expect.objectContaining({ name: "fieldValidation", in: "query" }));
        const content = (op?.requestBody as { content: Json }).content;
        expect(Object.keys(content)).toContain("application/strategic-merge-patch+json");
        expect(Object.keys(content)).toContain("application/apply-patch+yaml");
      }
    }
  });

  it("describes Deployment.spec with types kubectl validates and explains", () => {
    const schemas = documentOf("apis/apps/v1").components.schemas;
    const spec = schemas["io.k8s.api.apps.v1.DeploymentSpec"] as { properties: Record<string, Json>; required: string[] };
    expect(spec.properties.replicas).toMatchObject({ type: "integer", format: "int32" });
    expect(spec.properties.template).toMatchObject({ allOf: [{ $ref: "#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec" }] });
    expect(spec.properties.template?.description).toMatch(/pods that will be created/);
    expect(spec.properties.paused).toMatchObject({ type: "boolean" });
    expect(spec.required).toEqual(["selector", "template"]);
    expect(spec.properties.strategy).toMatchObject({ "x-kubernetes-patch-strategy": "retainKeys" });
    const status = schemas["io.k8s.api.apps.v1.DeploymentStatus"] as { properties: Record<string, Json> };
    expect(status.properties.observedGeneration).toMatchObject({ type: "integer", format: "int64" });
  });

  it("carries strategic-merge keys on containers, ports, env and volume mounts", () => {
    const schemas = documentOf("api/v1").components.schemas;
    const props = (name: string) => (schemas[`io.k8s.api.core.v1.${name}`] as { properties: Record<string, Json> }).properties;
    expect(props("PodSpec").containers).toMatchObject({ "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge" });
    expect(props("PodSpec").volumes).toMatchObject({ "x-kubernetes-patch-strategy": "merge,retainKeys", "x-kubernetes-list-map-keys": ["name"] });
    expect(props("Container").ports).toMatchObject({ "x-kubernetes-patch-merge-key": "containerPort", "x-kubernetes-list-map-keys": ["containerPort", "protocol"] });
    expect(props("Container").env).toMatchObject({ "x-kubernetes-patch-merge-key": "name" });
    expect(props("Container").volumeMounts).toMatchObject({ "x-kubernetes-patch-merge-key": "mountPath" });
    expect(props("Container").command).not.toHaveProperty("x-kubernetes-patch-strategy");
    const meta = schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"] as { properties: Record<string, Json> };
    expect(meta.properties.finalizers).toMatchObject({ "x-kubernetes-patch-strategy": "merge", "x-kubernetes-list-type": "set" });
  });

  it("writes IntOrString and Quantity as v3 oneOf, Time as a date-time string", () => {
    const schemas = documentOf("apis/apps/v1").components.schemas;
    expect(schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]).toMatchObject({
      oneOf: [{ type: "integer" }, { type: "string" }],
      format: "int-or-string",
    });
    expect(schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]).not.toHaveProperty("type");
    expect(schemas["io.k8s.apimachinery.pkg.api.resource.Quantity"]).toMatchObject({ oneOf: [{ type: "string" }, { type: "number" }] });
    expect(schemas["io.k8s.apimachinery.pkg.apis.meta.v1.Time"]).toMatchObject({ type: "string", format: "date-time" });
  });

  it("keeps the descriptions explain prints", () => {
    const meta = documentOf("api/v1").components.schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"] as {
      description: string;
      properties: Record<string, { description?: string }>;
    };
    expect(meta.description).toMatch(/^ObjectMeta is metadata/);
    for (const field of ["name", "namespace", "labels", "annotations", "creationTimestamp", "ownerReferences"]) {
      expect(meta.properties[field]?.description, field).toMatch(/\w{3}/);
    }
    expect(meta.properties.creationTimestamp?.description).toContain("\n\nPopulated by the system.");
  });

  it("shapes operations like the real API server", () => {
    const core = documentOf("api/v1").paths;
    expect(core["/api/v1/namespaces/{namespace}/pods"]?.get).toMatchObject({ operationId: "listCoreV1NamespacedPod", "x-kubernetes-action": "list" });
    expect(core["/api/v1/pods"]?.get).toMatchObject({ operationId: "listCoreV1PodForAllNamespaces" });
    expect(core["/api/v1/nodes/{name}"]?.put).toMatchObject({ operationId: "replaceCoreV1Node", "x-kubernetes-action": "put" });
    expect(core["/api/v1/namespaces/{namespace}/pods/{name}/log"]?.get).toMatchObject({
      operationId: "readCoreV1NamespacedPodLog",
      responses: { "200": { content: { "text/plain": { schema: { type: "string" } } } } },
    });
    expect(core["/api/v1/namespaces/{namespace}/bindings"]?.post).toMatchObject({ "x-kubernetes-group-version-kind": { group: "", version: "v1", kind: "Binding" } });
    expect(core["/api/v1/namespaces/{namespace}/bindings"]?.get).toBeUndefined();
    const list = core["/api/v1/namespaces/{namespace}/pods"]?.get?.parameters as { name: string }[];
    expect(list.map((p) => p.name)).toEqual(expect.arrayContaining(["labelSelector", "fieldSelector", "limit", "continue", "resourceVersion", "watch"]));
    const del = core["/api/v1/namespaces/{namespace}/pods/{name}"]?.delete?.parameters as { name: string }[];
    expect(del.map((p) => p.name)).toEqual(expect.arrayContaining(["propagationPolicy", "gracePeriodSeconds", "dryRun"]));

    const apps = documentOf("apis/apps/v1").paths;
    expect(apps["/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]?.patch).toMatchObject({
      operationId: "patchAppsV1NamespacedDeploymentScale",
      "x-kubernetes-group-version-kind": { group: "autoscaling", version: "v1", kind: "Scale" },
    });
    const ssar = documentOf("apis/authorization.k8s.io/v1").paths["/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"];
    expect(Object.keys(ssar ?? {}).sort()).toEqual(["parameters", "post"]);
  });

  it("leaves out kinds it has no schema for (custom resources) instead of referring to nothing", () => {
    const book: ServedResource = { group: "nigelpoulton.com", version: "v1", kind: "Book", plural: "books", namespaced: true, verbs: ["get", "list"] };
    const withCustom = createOpenApiDocuments([...servedResources, book]);
    expect(withCustom.v3Document("apis/nigelpoulton.com/v1")).toBeUndefined();
    expect(withCustom.v3Index()).toBe(docs.v3Index());
    expect(withCustom.v2Json()).toBe(docs.v2Json());
  });
});
