import { describe, expect, it } from "vitest";
import { noPatchMeta, patchMetaFor, patchMetaFromTable, STRATEGIC_MERGE_KINDS } from "./patch-meta";

const lookup = (group: string, kind: string, path: string) => patchMetaFor(group, kind)?.(path.split("."));

describe("patchMetaFor", () => {
  it("knows the pod spec lists wherever a pod template appears", () => {
    const templates: [string, string, string][] = [
      ["", "Pod", "spec"],
      ["", "PodTemplate", "template.spec"],
      ["", "ReplicationController", "spec.template.spec"],
      ["apps", "Deployment", "spec.template.spec"],
      ["apps", "ReplicaSet", "spec.template.spec"],
      ["apps", "StatefulSet", "spec.template.spec"],
      ["apps", "DaemonSet", "spec.template.spec"],
      ["batch", "Job", "spec.template.spec"],
      ["batch", "CronJob", "spec.jobTemplate.spec.template.spec"],
    ];
    for (const [group, kind, spec] of templates) {
      const at = (path: string) => lookup(group, kind, `${spec}.${path}`);
      expect(at("containers"), kind).toEqual({ strategy: "merge", mergeKey: "name" });
      expect(at("initContainers"), kind).toEqual({ strategy: "merge", mergeKey: "name" });
      expect(at("ephemeralContainers.env"), kind).toEqual({ strategy: "merge", mergeKey: "name" });
      expect(at("containers.ports"), kind).toEqual({ strategy: "merge", mergeKey: "containerPort" });
      expect(at("initContainers.volumeMounts"), kind).toEqual({ strategy: "merge", mergeKey: "mountPath" });
      expect(at("containers.volumeDevices"), kind).toEqual({ strategy: "merge", mergeKey: "devicePath" });
      expect(at("volumes"), kind).toEqual({ strategy: "merge,retainKeys", mergeKey: "name" });
      expect(at("imagePullSecrets"), kind).toEqual({ strategy: "merge", mergeKey: "name" });
      expect(at("hostAliases"), kind).toEqual({ strategy: "merge", mergeKey: "ip" });
      expect(at("topologySpreadConstraints"), kind).toEqual({ strategy: "merge", mergeKey: "topologyKey" });
      expect(at("tolerations"), kind).toBeUndefined();
      expect(at("containers.envFrom"), kind).toBeUndefined();
      expect(at("containers.args"), kind).toBeUndefined();
    }
    expect(lookup("batch", "CronJob", "spec.jobTemplate.metadata.finalizers")).toEqual({ strategy: "merge" });
    expect(lookup("apps", "Deployment", "spec.template.metadata.ownerReferences")).toEqual({ strategy: "merge", mergeKey: "uid" });
  });

  it("knows object metadata for every kind", () => {
    for (const groupKind of STRATEGIC_MERGE_KINDS) {
      const dot = groupKind.indexOf(".");
      const meta = patchMetaFor(groupKind.slice(dot + 1), groupKind.slice(0, dot));
      expect(meta?.(["metadata", "finalizers"]), groupKind).toEqual({ strategy: "merge" });
      expect(meta?.(["metadata", "ownerReferences"]), groupKind).toEqual({ strategy: "merge", mergeKey: "uid" });
      expect(meta?.(["metadata", "labels"]), groupKind).toBeUndefined();
    }
  });

  it("knows kind-specific fields", () => {
    expect(lookup("", "Service", "spec.ports")).toEqual({ strategy: "merge", mergeKey: "port" });
    expect(lookup("", "ServiceAccount", "secrets")).toEqual({ strategy: "merge", mergeKey: "name" });
    expect(lookup("", "Node", "spec.podCIDRs")).toEqual({ strategy: "merge" });
    expect(lookup("", "Node", "spec.taints")).toBeUndefined();
    expect(lookup("", "Node", "status.addresses")).toEqual({ strategy: "merge", mergeKey: "type" });
    expect(lookup("", "Pod", "status.podIPs")).toEqual({ strategy: "merge", mergeKey: "ip" });
    expect(lookup("", "Pod", "status.containerStatuses")).toBeUndefined();
    expect(lookup("apps", "Deployment", "spec.strategy")).toEqual({ strategy: "retainKeys" });
    expect(lookup("policy", "PodDisruptionBudget", "spec.selector")).toEqual({ strategy: "replace" });
    expect(lookup("storage.k8s.io", "CSINode", "spec.drivers")).toEqual({ strategy: "merge", mergeKey: "name" });
    for (const [group, kind] of [
      ["", "Pod"],
      ["", "Namespace"],
      ["", "Node"],
      ["", "PersistentVolumeClaim"],
      ["apps", "Deployment"],
      ["apps", "StatefulSet"],
      ["batch", "Job"],
      ["autoscaling", "HorizontalPodAutoscaler"],
    ] as const) {
      expect(lookup(group, kind, "status.conditions"), kind).toEqual({ strategy: "merge", mergeKey: "type" });
    }
  });

  it("has nothing for kinds without Go types, such as custom resources", () => {
    expect(patchMetaFor("nigelpoulton.com", "Book")).toBeUndefined();
    expect(patchMetaFor("apps", "Pod")).toBeUndefined();
    expect(noPatchMeta(["spec"])).toBeUndefined();
  });
});

describe("patchMetaFromTable", () => {
  it("looks paths up by their dotted form", () => {
    const meta = patchMetaFromTable({ "spec.items": { strategy: "merge", mergeKey: "id" } });
    expect(meta(["spec", "items"])).toEqual({ strategy: "merge", mergeKey: "id" });
    expect(meta(["spec"])).toBeUndefined();
  });
});
