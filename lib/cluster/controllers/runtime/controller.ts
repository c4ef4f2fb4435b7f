import type { Clock } from "../../clock";
import type { ContainerRuntime } from "../../sandbox/container-runtime";
import type { KubeObject } from "../../store/object-store";
import type { ControllerClient } from "./controller-client";
import type { EventRecorder } from "./event-recorder";
import type { IndexSpec, InformerEvent } from "./informer";
import type { ResourceId } from "./resource-id";
import type { SimulationConfig } from "./simulation-config";

/** Read-only access to the informers' caches, by resource. */
export interface Cache {
  get(resource: ResourceId, namespace: string, name: string): KubeObject | undefined;
  list(resource: ResourceId, namespace?: string): KubeObject[];
  ownedBy(resource: ResourceId, uid: string): KubeObject[];
  /** Objects a secondary index files under `value` (e.g. pods by node name); the index is built on first use. */
  indexed(resource: ResourceId, index: IndexSpec, value: string): KubeObject[];
  /** How many objects of a resource one namespace holds. */
  count(resource: ResourceId, namespace: string): number;
}

/** What a reconcile pass may use: the cache to read, the client to write, the clock, the simulation's settings. */
export type ReconcileContext = {
  cache: Cache;
  client: ControllerClient;
  clock: Clock;
  config: SimulationConfig;
  /** Uniform in [0, 1); injected so golden tests are repeatable. */
  random: () => number;
  /** Events about objects, as `kubectl describe` shows them. */
  events: EventRecorder;
  /** Every resource type the API serves now (custom resources included), as discovery would list them. */
  discovery: () => ServedResource[];
  /** The simulated nodes' container runtime (what the kubelet started each container with); kubelet only. */
  containerRuntime?: ContainerRuntime;
};

export type ServedResource = ResourceId & { kind: string; namespaced: boolean; verbs: readonly string[] };

/** `requeueAfterMs` asks for another pass later even if nothing changes (timers: probes, backoff, schedules). */
export type ReconcileResult = void | { requeueAfterMs?: number };

/** Which changes wake a controller, and for which keys. */
export type WatchSpec = {
  resource: ResourceId;
  keys: (event: InformerEvent, cache: Cache) => string[];
};

/**
 * A controller as controller-runtime has them: the job is only a key, `reconcile` reads the world from the cache,
 * converges it through the API, and is safe to run again at any point (work is at-least-once).
 */
export type Controller = {
  name: string;
  /** The resource whose keys this controller reconciles (periodic resync enqueues all of them), if just one. */
  primary?: ResourceId;
  watches: WatchSpec[];
  /** Keys to reconcile once at start, for work no object announces (e.g. registering simulated nodes). */
  initialKeys?: () => string[];
  /** The API identity it writes as (audited under this name). */
  username: string;
  /** The `source.component` of its Events (e.g. default-scheduler, kubelet, deployment-controller). */
  component: string;
  reconcile(ctx: ReconcileContext, key: string): Promise<ReconcileResult>;
};

/** The usual mapping: the object's own key. */
export const ownKey = (event: InformerEvent): string[] => [keyFor(event.object)];

/** Keys of the owners of the given kind, from ownerReferences (for "a pod changed → wake its ReplicaSet"). */
export function ownerKeys(kind: string) {
  return (event: InformerEvent): string[] => {
    const keys = new Set<string>();
    for (const object of [event.object, event.previous]) {
      const refs = object?.metadata.ownerReferences;
      if (!Array.isArray(refs)) continue;
      for (const ref of refs as { kind?: string; name?: string; controller?: boolean }[]) {
        if (ref.kind === kind && ref.controller && ref.name) keys.add(keyFor({ metadata: { namespace: object?.metadata.namespace ?? "", name: ref.name } }));
      }
    }
    return [...keys];
  };
}

function keyFor(object: KubeObject): string {
  const ns = object.metadata.namespace ?? "";
  return ns === "" ? (object.metadata.name ?? "") : `${ns}/${object.metadata.name ?? ""}`;
}
