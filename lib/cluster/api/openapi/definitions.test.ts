import { describe, expect, it } from "vitest";
import type { SchemaModel } from "./definition-model";
import { definitions, definitionsSource } from "./definitions";
import { patchExtensions } from "./patch-extensions";
import { definitionsByKind, referencedDefinitions } from "./schemas";
import { resolveSubresource, type ServedResource } from "./served-resource";

const get = (name: string): SchemaModel => definitions.get(name) ?? {};
const property = (definition: string, field: string): SchemaModel => get(definition).properties?.[field] ?? {};

describe("generated definitions (npm run generate:openapi)", () => {
  it("come from kubernetes-types and name types as Kubernetes does", () => {
    expect(definitionsSource.package).toBe("kubernetes-types");
    expect(definitions.size).toBeGreaterThan(400);
    for (const name of [
      "io.k8s.api.apps.v1.Deployment",
      "io.k8s.api.core.v1.Pod",
      "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
      "io.k8s.apimachinery.pkg.api.resource.Quantity",
      "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
      "io.k8s.apimachinery.pkg.runtime.RawExtension",
      "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition",
    ]) {
      expect(definitions.has(name), name).toBe(true);
    }
  });

  it("refer only to definitions that exist", () => {
    expect(() => referencedDefinitions(definitions, definitions.keys())).not.toThrow();
  });

  it("mark top-level kinds with their GVK, lists included", () => {
    const byKind = definitionsByKind(definitions);
    expect(byKind({ group: "apps", version: "v1", kind: "Deployment" })).toBe("io.k8s.api.apps.v1.Deployment");
    expect(byKind({ group: "", version: "v1", kind: "PodList" })).toBe("io.k8s.api.core.v1.PodList");
    expect(byKind({ group: "autoscaling", version: "v1", kind: "Scale" })).toBe("io.k8s.api.autoscaling.v1.Scale");
    expect(get("io.k8s.api.core.v1.PodSpec")["x-kubernetes-group-version-kind"]).toBeUndefined();
  });

  it("type fields as the wire does", () => {
    expect(property("io.k8s.api.apps.v1.DeploymentSpec", "replicas")).toMatchObject({ type: "integer", format: "int32" });
    expect(property("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "generation")).toMatchObject({ type: "integer", format: "int64" });
    expect(property("io.k8s.api.core.v1.PodSecurityContext", "supplementalGroups").items).toMatchObject({ type: "integer", format: "int64" });
    const jsonSchema = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps";
    expect(property(jsonSchema, "maximum")).toMatchObject({ type: "number", format: "double" });
    expect(property(jsonSchema, "x-kubernetes-preserve-unknown-fields")).toMatchObject({ type: "boolean" });
    expect(property("io.k8s.api.core.v1.ContainerPort", "protocol")).toMatchObject({ type: "string" });
    expect(property("io.k8s.api.core.v1.ConfigMap", "data")).toMatchObject({ type: "object", additionalProperties: { type: "string" } });
    expect(property("io.k8s.api.apps.v1.RollingUpdateDeployment", "maxSurge")).toMatchObject({ $ref: "io.k8s.apimachinery.pkg.util.intstr.IntOrString" });
    expect(property("io.k8s.api.core.v1.ResourceRequirements", "limits").additionalProperties).toEqual({ $ref: "io.k8s.apimachinery.pkg.api.resource.Quantity" });
    expect(get("io.k8s.apimachinery.pkg.apis.meta.v1.Time")).toMatchObject({ type: "string", format: "date-time" });
    expect(get("io.k8s.apimachinery.pkg.runtime.RawExtension")).toMatchObject({ type: "object", "x-kubernetes-preserve-unknown-fields": true });
    expect(get("io.k8s.api.core.v1.Container").required).toEqual(["name"]);
  });

  it("keep the Go doc comments, paragraphs included", () => {
    expect(property("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "name").description).toMatch(/^Name must be unique within a namespace/);
    expect(property("io.k8s.api.core.v1.Container", "image").description).toMatch(/image name/i);
    expect(get("io.k8s.apimachinery.pkg.api.resource.Quantity").description).toContain("\n\nThe serialization format is:");
    expect(get("io.k8s.api.core.v1.Pod").description).not.toMatch(/\/\*\*|\*\//);
  });
});

describe("patch extensions table", () => {
  it("names only properties that exist, with merge keys only on lists", () => {
    for (const [definition, fields] of Object.entries(patchExtensions)) {
      for (const [field, extension] of Object.entries(fields)) {
        const schema = property(definition, field);
        expect(schema.type ?? schema.$ref, `${definition}.${field}`).toBeDefined();
        if (extension.mergeKey || extension.listType) expect(schema.type, `${definition}.${field}`).toBe("array");
        if (extension.mapKeys) expect(extension.listType).toBe("map");
      }
    }
  });

  it("is applied to the served definitions", () => {
    expect(property("io.k8s.api.core.v1.PodSpec", "initContainers")).toMatchObject({ "x-kubernetes-patch-merge-key": "name" });
    expect(property("io.k8s.api.core.v1.ServiceSpec", "ports")).toMatchObject({ "x-kubernetes-patch-merge-key": "port" });
    expect(property("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "ownerReferences")).toMatchObject({ "x-kubernetes-patch-merge-key": "uid" });
  });
});

describe("subresources", () => {
  const deployment: ServedResource = { group: "apps", version: "v1", kind: "Deployment", plural: "deployments", namespaced: true, verbs: ["get"] };

  it("get the kind and verbs Kubernetes uses for their name", () => {
    expect(resolveSubresource(deployment, "scale")).toMatchObject({ group: "autoscaling", version: "v1", kind: "Scale", verbs: ["get", "update", "patch"] });
    expect(resolveSubresource(deployment, "status")).toMatchObject({ group: "apps", kind: "Deployment", text: false });
    expect(resolveSubresource(deployment, { name: "status", verbs: ["get"] }).verbs).toEqual(["get"]);
    expect(resolveSubresource({ ...deployment, group: "", kind: "Pod", plural: "pods" }, { name: "log", kind: "Pod", verbs: ["get"] }).text).toBe(true);
  });
});
