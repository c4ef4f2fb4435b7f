import { describe, expect, it } from "vitest";
import { buildNamespaceGraph, type GraphObject } from "./namespace-graph";

const obj = (kind: string, name: string, rest: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): GraphObject => ({
  kind,
  metadata: { name, uid: `uid-${kind}-${name}`, ...metadata },
  ...rest,
});
const owned = (kind: string, name: string) => ({ ownerReferences: [{ kind, name, uid: `uid-${kind}-${name}`, controller: true }] });
const runningPod = (name: string, owner: Record<string, unknown>, ready = true) =>
  obj("Pod", name, { spec: { containers: [{ name: "c" }] }, status: { phase: "Running", containerStatuses: [{ ready }] } }, owner);

describe("buildNamespaceGraph", () => {
  const objects: GraphObject[] = [
    obj("Deployment", "web", { spec: { replicas: 2 }, status: { readyReplicas: 2 } }),
    obj("ReplicaSet", "web-5d8f", { spec: { replicas: 2 }, status: { readyReplicas: 1 } }, owned("Deployment", "web")),
    runningPod("web-5d8f-aaaaa", owned("ReplicaSet", "web-5d8f")),
    runningPod("web-5d8f-bbbbb", owned("ReplicaSet", "web-5d8f"), false),
    obj(
      "Pod",
      "broken",
      { status: { phase: "Pending", containerStatuses: [{ ready: false, state: { waiting: { reason: "ImagePullBackOff" } } }] } },
    ),
    obj("StatefulSet", "db", { spec: { replicas: 1 } }),
    obj("Pod", "db-0", { spec: { volumes: [{ name: "data", persistentVolumeClaim: { claimName: "data-db-0" } }] }, status: { phase: "Pending" } }, owned("StatefulSet", "db")),
    obj("PersistentVolumeClaim", "data-db-0", { spec: { volumeName: "pvc-123" }, status: { phase: "Bound" } }),
    obj("Service", "web"),
    obj(
      "EndpointSlice",
      "web-abcde",
      { endpoints: [{ targetRef: { kind: "Pod", name: "web-5d8f-aaaaa" } }, { targetRef: { kind: "Pod", name: "gone" } }] },
      { labels: { "kubernetes.io/service-name": "web" } },
    ),
    obj("Ingress", "shop", { spec: { rules: [{ http: { paths: [{ backend: { service: { name: "web" } } }, { backend: { service: { name: "api" } } }] } }] } }),
  ];
  const events: GraphObject[] = [
    obj("Event", "e1", { involvedObject: { kind: "Pod", name: "broken" }, type: "Warning", reason: "Failed", message: "pull failed", lastTimestamp: "2030-01-01T00:00:02Z", count: 3 }),
    obj("Event", "e2", { involvedObject: { kind: "Pod", name: "broken" }, type: "Normal", reason: "Scheduled", message: "assigned", lastTimestamp: "2030-01-01T00:00:01Z" }),
  ];
  const graph = buildNamespaceGraph("jane", objects, events, (o) => `status of ${o.metadata.name}`);
  const node = (id: string) => graph.nodes.find((n) => n.id === id);

  it("links owners to what they own, Services through their slices to Pods, Pods to claims to volumes, Ingresses to Services", () => {
    const edges = graph.edges.map((e) => `${e.from} -${e.relation}-> ${e.to}`);
    expect(edges.sort()).toEqual(
      [
        "Deployment/web -owns-> ReplicaSet/web-5d8f",
        "ReplicaSet/web-5d8f -owns-> Pod/web-5d8f-aaaaa",
        "ReplicaSet/web-5d8f -owns-> Pod/web-5d8f-bbbbb",
        "StatefulSet/db -owns-> Pod/db-0",
        "Pod/db-0 -mounts-> PersistentVolumeClaim/data-db-0",
        "PersistentVolumeClaim/data-db-0 -binds-> PersistentVolume/pvc-123",
        "Service/web -selects-> EndpointSlice/web-abcde",
        "EndpointSlice/web-abcde -targets-> Pod/web-5d8f-aaaaa",
        "Ingress/shop -routes-> Service/web",
        "Ingress/shop -routes-> Service/api",
      ].sort(),
    );
  });

  it("shows a volume by name only and a missing backend as missing", () => {
    expect(node("PersistentVolume/pvc-123")).toMatchObject({ kind: "PersistentVolume", name: "pvc-123", missing: true, health: "neutral" });
    expect(node("Service/api")).toMatchObject({ missing: true, status: "not found", health: "failing" });
    expect(node("Service/web")?.missing).toBeUndefined();
  });

  it("colours pods by phase and readiness, and workloads by ready replicas", () => {
    expect(node("Pod/web-5d8f-aaaaa")).toMatchObject({ phase: "Running", ready: true, health: "ok", status: "status of web-5d8f-aaaaa" });
    expect(node("Pod/web-5d8f-bbbbb")).toMatchObject({ phase: "Running", ready: false, health: "progressing" });
    expect(node("Pod/broken")).toMatchObject({ phase: "Pending", health: "failing" });
    expect(node("Deployment/web")?.health).toBe("ok");
    expect(node("ReplicaSet/web-5d8f")?.health).toBe("progressing");
    expect(node("PersistentVolumeClaim/data-db-0")?.health).toBe("ok");
  });

  it("attaches each object's newest events first", () => {
    expect(node("Pod/broken")?.events.map((e) => `${e.type} ${e.reason} x${e.count}`)).toEqual(["Warning Failed x3", "Normal Scheduled x1"]);
    expect(node("Pod/web-5d8f-aaaaa")?.events).toEqual([]);
  });

  it("orders nodes by kind lane, then name", () => {
    expect(graph.nodes.slice(0, 3).map((n) => n.id)).toEqual(["Ingress/shop", "Deployment/web", "StatefulSet/db"]);
    expect(graph.nodes.at(-1)?.id).toBe("PersistentVolume/pvc-123");
  });
});
