/**
 * Patches real kubectl sends for nodes, services and finalizers, applied as the API server applies them.
 */
import { describe, expect, it } from "vitest";
import type { JsonObject } from "./json-value";
import { patchMetaFor, type PatchMetaLookup } from "./patch-meta";
import { applyStrategicMergePatch } from "./strategic-merge-patch";

function metaFor(group: string, kind: string): PatchMetaLookup {
  const lookup = patchMetaFor(group, kind);
  if (!lookup) throw new Error(`no patch metadata for ${kind}`);
  return lookup;
}

describe("kubectl on nodes, services and finalizers", () => {
  it("kubectl cordon and kubectl taint on a node", () => {
    const nodeMeta = metaFor("", "Node");
    const node = {
      metadata: { name: "node-a", labels: { "kubernetes.io/hostname": "node-a" } },
      spec: { podCIDR: "10.244.1.0/24", podCIDRs: ["10.244.1.0/24"], taints: [{ key: "old", effect: "NoSchedule" }] },
      status: {
        addresses: [{ type: "InternalIP", address: "10.0.0.5" }, { type: "Hostname", address: "node-a" }],
        conditions: [{ type: "Ready", status: "True" }],
      },
    };
    const cordoned = applyStrategicMergePatch(node, { spec: { unschedulable: true } }, nodeMeta);
    expect(cordoned).toEqual({ ...node, spec: { ...node.spec, unschedulable: true } });
    // kubectl taint sends the whole new list; taints carry no merge strategy, so it replaces.
    const taints = [
      { key: "old", effect: "NoSchedule" },
      { key: "gpu", value: "true", effect: "NoExecute" },
    ];
    expect(applyStrategicMergePatch(node, { spec: { taints } }, nodeMeta)).toEqual({ ...node, spec: { ...node.spec, taints } });
  });

  it("a node status update merges addresses and conditions by type", () => {
    const nodeMeta = metaFor("", "Node");
    const addresses = [
      { type: "InternalIP", address: "10.0.0.5" },
      { type: "Hostname", address: "node-a" },
    ];
    const node: JsonObject = {
      status: {
        addresses,
        conditions: [
          { type: "MemoryPressure", status: "False" },
          { type: "Ready", status: "False", reason: "KubeletNotReady" },
        ],
      },
    };
    const patch = {
      status: {
        "$setElementOrder/conditions": [{ type: "MemoryPressure" }, { type: "Ready" }],
        conditions: [{ type: "Ready", status: "True", reason: "KubeletReady" }],
      },
    };
    expect(applyStrategicMergePatch(node, patch, nodeMeta)).toEqual({
      status: {
        addresses,
        conditions: [
          { type: "MemoryPressure", status: "False" },
          { type: "Ready", status: "True", reason: "KubeletReady" },
        ],
      },
    });
  });

  it("kubectl patch removes one finalizer with $deleteFromPrimitiveList", () => {
    const configMapMeta = metaFor("", "ConfigMap");
    const object = { metadata: { name: "cfg", finalizers: ["example.com/a", "example.com/b"] } };
    const patch = { metadata: { "$deleteFromPrimitiveList/finalizers": ["example.com/a"] } };
    expect(applyStrategicMergePatch(object, patch, configMapMeta)).toEqual({ metadata: { name: "cfg", finalizers: ["example.com/b"] } });
  });

  it("kubectl apply of a Service merges ports by port number", () => {
    const serviceMeta = metaFor("", "Service");
    const service = {
      spec: {
        type: "ClusterIP",
        clusterIP: "10.96.0.12",
        selector: { app: "web" },
        ports: [
          { name: "http", port: 80, targetPort: 8080, protocol: "TCP" },
          { name: "metrics", port: 9100, targetPort: 9100, protocol: "TCP" },
        ],
      },
    };
    const patch = {
      spec: {
        "$setElementOrder/ports": [{ port: 80 }],
        ports: [{ port: 80, targetPort: 8081 }, { $patch: "delete", port: 9100 }],
      },
    };
    expect(applyStrategicMergePatch(service, patch, serviceMeta)).toEqual({
      spec: { ...service.spec, ports: [{ name: "http", port: 80, targetPort: 8081, protocol: "TCP" }] },
    });
  });
});
