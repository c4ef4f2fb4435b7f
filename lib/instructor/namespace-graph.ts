// A learner's namespace as a graph for the instructor's student view: workloads and what they own, Services and
// the Pods their EndpointSlices point at, claims and their volumes, Ingresses and their backends. Pure: objects
// in, nodes and edges out; the server lists and watches the objects (lib/server/instructor/namespace-graph.ts).

export type GraphObject = {
  kind?: string;
  metadata: {
    name?: string;
    uid?: string;
    deletionTimestamp?: unknown;
    labels?: unknown;
    ownerReferences?: unknown;
    creationTimestamp?: unknown;
    [k: string]: unknown;
  };
  [k: string]: unknown;
};

/** How a node should look: ok (green), progressing (amber), failing (red), done (grey), neutral. */
export type Health = "ok" | "progressing" | "failing" | "done" | "neutral";

export type GraphEvent = { type: string; reason: string; message: string; count: number; at: string };

export type GraphNode = {
  id: string;
  kind: string;
  name: string;
  /** The `kubectl get` column that says most (Running 1/1, 2/3 ready, Bound). */
  status: string;
  health: Health;
  /** A Pod's phase and whether all its containers are ready. */
  phase?: string;
  ready?: boolean;
  /** Referenced but not there (an Ingress backend naming a missing Service), or outside the namespace (a PV). */
  missing?: boolean;
  events: GraphEvent[];
};

export type GraphEdge = { from: string; to: string; relation: "owns" | "selects" | "targets" | "mounts" | "binds" | "routes" };

export type NamespaceGraph = { namespace: string; nodes: GraphNode[]; edges: GraphEdge[] };

/** The kinds drawn, in the order the view lays them out. */
export const GRAPH_KINDS = [
  "Ingress",
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "Service",
  "ReplicaSet",
  "EndpointSlice",
  "Pod",
  "PersistentVolumeClaim",
  "PersistentVolume",
] as const;

export const EVENTS_PER_OBJECT = 5;

const nodeId = (kind: string, name: string) => `${kind}/${name}`;
const record = (value: unknown): Record<string, unknown> => (value && typeof value === "object" ? (value as Record<string, unknown>) : {});
const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.map(record) : []);
const text = (value: unknown): string => (typeof value === "string" ? value : "");

type ContainerStatus = { ready?: boolean; state?: { waiting?: { reason?: string }; terminated?: { reason?: string; exitCode?: number } } };

const failingReasons = /BackOff|Err|Error|Invalid|OOMKilled|CreateContainerConfigError/;

function podHealth(pod: GraphObject): { health: Health; phase: string; ready: boolean } {
  const status = record(pod.status);
  const phase = text(status.phase) || "Pending";
  const containers = list(status.containerStatuses) as ContainerStatus[];
  const ready = containers.length > 0 && containers.every((c) => c.ready === true);
  if (pod.metadata.deletionTimestamp) return { health: "done", phase, ready };
  const reasons = containers.map((c) => c.state?.waiting?.reason ?? c.state?.terminated?.reason ?? "");
  if (phase === "Failed" || reasons.some((r) => failingReasons.test(r))) return { health: "failing", phase, ready };
  if (phase === "Succeeded") return { health: "done", phase, ready };
  if (phase === "Running" && ready) return { health: "ok", phase, ready };
  return { health: "progressing", phase, ready };
}

function replicaHealth(object: GraphObject): Health {
  const spec = record(object.spec);
  const status = record(object.status);
  const want = typeof spec.replicas === "number" ? spec.replicas : 1;
  const ready = typeof status.readyReplicas === "number" ? status.readyReplicas : 0;
  return ready >= want ? "ok" : "progressing";
}

function health(object: GraphObject, kind: string): Health {
  if (object.metadata.deletionTimestamp) return "done";
  switch (kind) {
    case "Deployment":
    case "ReplicaSet":
    case "StatefulSet":
      return replicaHealth(object);
    case "PersistentVolumeClaim":
      return text(record(object.status).phase) === "Bound" ? "ok" : "progressing";
    default:
      return "neutral";
  }
}

function eventTime(event: GraphObject): string {
  return text(event.lastTimestamp) || text(event.eventTime) || text(event.firstTimestamp) || text(event.metadata.creationTimestamp);
}

/** The newest events of each object, keyed by node id. */
function eventsByObject(events: GraphObject[]): Map<string, GraphEvent[]> {
  const byId = new Map<string, GraphEvent[]>();
  const sorted = [...events].sort((a, b) => eventTime(b).localeCompare(eventTime(a)));
  for (const event of sorted) {
    const involved = record(event.involvedObject);
    const id = nodeId(text(involved.kind), text(involved.name));
    const kept = byId.get(id) ?? [];
    if (kept.length >= EVENTS_PER_OBJECT) continue;
    kept.push({
      type: text(event.type) || "Normal",
      reason: text(event.reason),
      message: text(event.message),
      count: typeof event.count === "number" ? event.count : 1,
      at: eventTime(event),
    });
    byId.set(id, kept);
  }
  return byId;
}

/**
 * Builds the graph. `objects` are the namespace's objects of GRAPH_KINDS (each with its `kind`), `events` its
 * core/v1 Events, `statusOf` the one-word status the lab page uses (object-status.ts).
 */
export function buildNamespaceGraph(namespace: string, objects: GraphObject[], events: GraphObject[], statusOf: (object: GraphObject) => string): NamespaceGraph {
  const nodes = new Map<string, GraphNode>();
  const byUid = new Map<string, string>();
  const edges: GraphEdge[] = [];
  const seenEdges = new Set<string>();
  const eventsOf = eventsByObject(events);

  const addEdge = (from: string, to: string, relation: GraphEdge["relation"]) => {
    const key = `${from}>${to}`;
    if (from === to || seenEdges.has(key)) return;
    seenEdges.add(key);
    edges.push({ from, to, relation });
  };
  /** A node for something referenced that is not among the objects (a PV is cluster-scoped: its name is all we show). */
  const placeholder = (kind: string, name: string, status: string) => {
    const id = nodeId(kind, name);
    if (!nodes.has(id)) nodes.set(id, { id, kind, name, status, health: kind === "PersistentVolume" ? "neutral" : "failing", missing: true, events: eventsOf.get(id) ?? [] });
    return id;
  };

  for (const object of objects) {
    const kind = text(object.kind);
    const name = text(object.metadata.name);
    if (!kind || !name) continue;
    const id = nodeId(kind, name);
    const node: GraphNode = { id, kind, name, status: statusOf(object), health: health(object, kind), events: eventsOf.get(id) ?? [] };
    if (kind === "Pod") Object.assign(node, podHealth(object));
    nodes.set(id, node);
    if (object.metadata.uid) byUid.set(String(object.metadata.uid), id);
  }

  for (const object of objects) {
    const kind = text(object.kind);
    const name = text(object.metadata.name);
    if (!kind || !name) continue;
    const id = nodeId(kind, name);
    const spec = record(object.spec);
    // Deployment → ReplicaSet → Pod, StatefulSet/DaemonSet/Job → Pod: by the owner's uid, as the garbage collector does.
    for (const owner of list(object.metadata.ownerReferences)) {
      const ownerId = byUid.get(text(owner.uid)) ?? (nodes.has(nodeId(text(owner.kind), text(owner.name))) ? nodeId(text(owner.kind), text(owner.name)) : undefined);
      if (ownerId) addEdge(ownerId, id, "owns");
    }
    switch (kind) {
      case "EndpointSlice": {
        const service = text(record(object.metadata.labels)["kubernetes.io/service-name"]);
        if (service && nodes.has(nodeId("Service", service))) addEdge(nodeId("Service", service), id, "selects");
        for (const endpoint of list(object.endpoints)) {
          const target = record(endpoint.targetRef);
          if (text(target.kind) === "Pod" && nodes.has(nodeId("Pod", text(target.name)))) addEdge(id, nodeId("Pod", text(target.name)), "targets");
        }
        break;
      }
      case "Pod":
        for (const volume of list(spec.volumes)) {
          const claim = text(record(volume.persistentVolumeClaim).claimName);
          if (claim) addEdge(id, nodes.has(nodeId("PersistentVolumeClaim", claim)) ? nodeId("PersistentVolumeClaim", claim) : placeholder("PersistentVolumeClaim", claim, "not found"), "mounts");
        }
        break;
      case "PersistentVolumeClaim": {
        const volume = text(spec.volumeName);
        if (volume) addEdge(id, placeholder("PersistentVolume", volume, ""), "binds");
        break;
      }
      case "Ingress":
        for (const service of ingressBackends(spec)) {
          const target = nodes.has(nodeId("Service", service)) ? nodeId("Service", service) : placeholder("Service", service, "not found");
          addEdge(id, target, "routes");
        }
        break;
    }
  }

  const order = (kind: string) => {
    const index = (GRAPH_KINDS as readonly string[]).indexOf(kind);
    return index < 0 ? GRAPH_KINDS.length : index;
  };
  const sorted = [...nodes.values()].sort((a, b) => order(a.kind) - order(b.kind) || a.name.localeCompare(b.name));
  return { namespace, nodes: sorted, edges };
}

/** The Service names an Ingress sends traffic to (its rules' paths and its default backend). */
function ingressBackends(spec: Record<string, unknown>): string[] {
  const names = new Set<string>();
  const add = (backend: unknown) => {
    const name = text(record(record(backend).service).name);
    if (name) names.add(name);
  };
  add(spec.defaultBackend);
  for (const rule of list(spec.rules)) for (const path of list(record(rule.http).paths)) add(path.backend);
  return [...names];
}
