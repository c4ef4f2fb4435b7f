import type { KubeObject } from "../../store/object-store";
import type { Cache } from "./controller";
import type { ControllerClient } from "./controller-client";
import type { IndexSpec } from "./informer";
import { resources } from "./resource-id";
import type { Clock } from "../../clock";
import { fnv32aText } from "../../hash/fnv32a";

export type EventType = "Normal" | "Warning";

/** The object an Event is about: kind and apiVersion are needed because cached objects may lack them. */
export type Involved = { object: KubeObject; kind: string; apiVersion: string; fieldPath?: string };

export type EventRecorder = {
  /** Waits for the Events recorded so far to be written (the pass runner calls it at the end of a pass). */
  flush(): Promise<void>;
  /** `host` is the node, for events a kubelet reports. */
  event(involved: Involved, type: EventType, reason: string, message: string, host?: string): Promise<void>;
};

/** Kubernetes folds a repeat of the same event within this window into one Event with a count. */
const AGGREGATE_WINDOW_MS = 10 * 60 * 1000;

/** Events by the uid of the object they are about: a repeat is found without scanning the namespace's Events. */
export const eventsByInvolvedUid: IndexSpec = {
  name: "involvedObject.uid",
  values: (event) => {
    const uid = (event.involvedObject as { uid?: unknown } | undefined)?.uid;
    return typeof uid === "string" && uid !== "" ? [uid] : [];
  },
};

const timestamp = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * Writes core/v1 Events as client-go's recorder does: `<object>.<hex time>` names in the object's namespace,
 * source component and host, and a repeat (same object, type, reason, message) within ten minutes bumps
 * `count` and `lastTimestamp` instead of creating another (what `kubectl describe` shows as "x3 over 2m").
 * Best effort: an Event that cannot be written never fails the pass that reported it.
 */
export function eventRecorder(deps: { client: ControllerClient; cache: Cache; clock: Clock; component: string; random: () => number }): EventRecorder {
  // Events are written alongside the pass's own writes rather than one after another: a kubelet pass that
  // starts many containers would otherwise wait on every Event in turn.
  const pending = new Set<Promise<void>>();
  const record = async (involved: Involved, type: EventType, reason: string, message: string, host?: string): Promise<void> => {
    const meta = involved.object.metadata;
    const namespace = meta.namespace || "default";
    const now = deps.clock.now();
    const candidates = meta.uid ? deps.cache.indexed(resources.events, eventsByInvolvedUid, meta.uid) : deps.cache.list(resources.events, namespace);
    const previous = candidates.find((e) => {
      const io = e.involvedObject as { uid?: string; fieldPath?: string } | undefined;
      return (
        e.metadata.namespace === namespace &&
        io?.uid === meta.uid &&
        (io?.fieldPath ?? "") === (involved.fieldPath ?? "") &&
        e.reason === reason &&
        e.message === message &&
        e.type === type &&
        now.getTime() - Date.parse(String(e.lastTimestamp)) < AGGREGATE_WINDOW_MS
      );
    });
    try {
      if (previous) {
        await deps.client.patch(resources.events, namespace, previous.metadata.name ?? "", {
          count: (typeof previous.count === "number" ? previous.count : 1) + 1,
          lastTimestamp: timestamp(now),
        });
        return;
      }
      // Time-based like client-go's names; the sub-millisecond part also depends on what is reported, so
      // several events in one instant (Created, Started) never collide even with a fixed clock.
      const nanos = BigInt(now.getTime()) * 1_000_000n + BigInt((fnv32aText(`${meta.uid}/${involved.fieldPath ?? ""}/${reason}/${message}`) + Math.floor(deps.random() * 1000)) % 1_000_000);
      await deps.client.create(resources.events, namespace, {
        apiVersion: "v1",
        kind: "Event",
        metadata: { name: `${meta.name ?? "object"}.${nanos.toString(16)}`, namespace },
        involvedObject: {
          kind: involved.kind,
          apiVersion: involved.apiVersion,
          name: meta.name,
          uid: meta.uid,
          resourceVersion: meta.resourceVersion,
          ...(meta.namespace ? { namespace: meta.namespace } : {}),
          ...(involved.fieldPath ? { fieldPath: involved.fieldPath } : {}),
        },
        reason,
        message,
        type,
        count: 1,
        firstTimestamp: timestamp(now),
        lastTimestamp: timestamp(now),
        source: { component: deps.component, ...(host ? { host } : {}) },
        reportingComponent: deps.component,
        reportingInstance: host ?? "",
      });
    } catch {
      // Events are advisory; the state change they describe has already happened.
    }
  };
  return {
    event(involved, type, reason, message, host) {
      const write = record(involved, type, reason, message, host).finally(() => pending.delete(write));
      pending.add(write);
      return Promise.resolve();
    },
    async flush() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
