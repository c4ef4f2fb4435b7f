import { setMaxListeners } from "node:events";
import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import type { KubeObject } from "@/lib/cluster/store/object-store";
import { buildNamespaceGraph, type NamespaceGraph } from "@/lib/instructor/namespace-graph";
import { platformUser, type ClusterApi } from "../apiserver/cluster-api";
import { isApiError } from "../classrooms/converge-object";
import { objectStatus } from "../labs/object-status";

type Source = { apiVersion: string; plural: string; kind: string };

// What the graph is drawn from, plus the namespace's Events for what happened to each object.
const sources: Source[] = [
  { apiVersion: "networking.k8s.io/v1", plural: "ingresses", kind: "Ingress" },
  { apiVersion: "apps/v1", plural: "deployments", kind: "Deployment" },
  { apiVersion: "apps/v1", plural: "statefulsets", kind: "StatefulSet" },
  { apiVersion: "apps/v1", plural: "daemonsets", kind: "DaemonSet" },
  { apiVersion: "batch/v1", plural: "jobs", kind: "Job" },
  { apiVersion: "v1", plural: "services", kind: "Service" },
  { apiVersion: "apps/v1", plural: "replicasets", kind: "ReplicaSet" },
  { apiVersion: "discovery.k8s.io/v1", plural: "endpointslices", kind: "EndpointSlice" },
  { apiVersion: "v1", plural: "pods", kind: "Pod" },
  { apiVersion: "v1", plural: "persistentvolumeclaims", kind: "PersistentVolumeClaim" },
  { apiVersion: "v1", plural: "events", kind: "Event" },
];

/** Reads as the platform (the learner's own RBAC must not hide anything from their instructor), in one namespace only. */
const clientFor = (api: ClusterApi) => new InProcessClient((request) => api.serve(request), platformUser, "kubeclass-instructor-view");

function graphOf(namespace: string, objects: Map<string, Map<string, KubeObject>>): NamespaceGraph {
  const drawn = sources.filter((s) => s.kind !== "Event").flatMap((s) => [...(objects.get(s.kind)?.values() ?? [])]);
  const events = [...(objects.get("Event")?.values() ?? [])];
  return buildNamespaceGraph(namespace, drawn, events, (object) => objectStatus(object as Parameters<typeof objectStatus>[0]));
}

async function listSource(client: InProcessClient, namespace: string, source: Source): Promise<{ items: KubeObject[]; resourceVersion: string }> {
  try {
    const listed = await client.list(InProcessClient.path(source.apiVersion, source.plural, namespace));
    return { items: listed.items.map((item) => ({ ...item, kind: source.kind })), resourceVersion: listed.metadata.resourceVersion };
  } catch (error) {
    if (isApiError(error, 404)) return { items: [], resourceVersion: "" };
    throw error;
  }
}

const byName = (items: KubeObject[]) => new Map(items.map((item) => [item.metadata.name ?? "", item]));

/** The namespace's graph as it is now. */
export async function readNamespaceGraph(api: ClusterApi, namespace: string): Promise<NamespaceGraph> {
  const client = clientFor(api);
  const lists = await Promise.all(sources.map(async (source) => [source.kind, byName((await listSource(client, namespace, source)).items)] as const));
  return graphOf(namespace, new Map(lists));
}

export type GraphFeedOptions = {
  /** Changes within this window make one new graph (a rollout changes many objects at once). */
  debounceMs?: number;
  /** The wait before listing again after a watch ended or failed. */
  retryMs?: number;
  onError?: (error: unknown) => void;
};

/**
 * The namespace's graph, kept current: each kind is listed, then watched from the list's resourceVersion (relisted
 * whenever a watch ends or fails), and every change schedules one rebuild within `debounceMs`. The first graph
 * comes once every kind has been listed. Returns the function that stops every watch.
 */
export function followNamespaceGraph(api: ClusterApi, namespace: string, onGraph: (graph: NamespaceGraph) => void, options: GraphFeedOptions = {}): () => void {
  const client = clientFor(api);
  const controller = new AbortController();
  const { signal } = controller;
  // One watch per kind listens on this signal.
  setMaxListeners(sources.length * 2, signal);
  const debounceMs = options.debounceMs ?? 50;
  const retryMs = options.retryMs ?? 1000;
  const objects = new Map<string, Map<string, KubeObject>>();
  let timer: NodeJS.Timeout | undefined;

  const changed = () => {
    if (timer || signal.aborted || objects.size < sources.length) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (!signal.aborted) onGraph(graphOf(namespace, objects));
    }, debounceMs);
  };

  const follow = async (source: Source) => {
    const path = InProcessClient.path(source.apiVersion, source.plural, namespace);
    while (!signal.aborted) {
      try {
        const listed = await listSource(client, namespace, source);
        const current = byName(listed.items);
        objects.set(source.kind, current);
        changed();
        if (listed.resourceVersion) {
          for await (const event of client.watch(path, { resourceVersion: listed.resourceVersion }, signal)) {
            const name = event.object.metadata.name ?? "";
            if (event.type === "DELETED") current.delete(name);
            else current.set(name, { ...event.object, kind: source.kind });
            changed();
          }
        }
      } catch (error) {
        if (signal.aborted) return;
        // 410 Expired and the like end in a relist below; anything else is worth a line in the log.
        if (!isApiError(error, 410)) options.onError?.(error);
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs).unref());
    }
  };

  for (const source of sources) void follow(source);
  return () => {
    controller.abort();
    if (timer) clearTimeout(timer);
  };
}
