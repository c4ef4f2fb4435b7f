import type { KubeObject, WatchEventType } from "../../store/object-store";
import { groupVersion } from "../resources/resource-type";
import type { ApiContext } from "./api-context";
import { listObjects } from "./list-objects";
import type { Target } from "./target";

export type WatchOptions = {
  /** Unset or "0": start with the current state as synthetic ADDED events; else resume after that revision. */
  resourceVersion?: string;
  matches?: (object: KubeObject) => boolean;
  signal: AbortSignal;
  /** Told each revision the watch has caught up to, delivered or filtered out (for bookmarks). */
  onProgress?: (revision: string) => void;
};

export type ApiWatchEvent = { type: WatchEventType; object: KubeObject };

/** The last object each stored (frozen, shared) event object was given its kind as, and how. */
const withKinds = new WeakMap<KubeObject, { apiVersion: string; kind: string; object: KubeObject }>();

/**
 * The object with apiVersion and kind, as watchers receive it. A store event is one frozen object shared by all
 * of its watchers, so they share this too (frozen in turn): one object per change, however many watch it, which
 * also lets the HTTP adapter serialise it once (http-adapter.ts).
 */
function withKindShared(object: KubeObject, apiVersion: string, kind: string): KubeObject {
  if (!Object.isFrozen(object)) return { apiVersion, kind, ...object };
  const known = withKinds.get(object);
  if (known?.apiVersion === apiVersion && known.kind === kind) return known.object;
  const shared = Object.freeze({ apiVersion, kind, ...object });
  withKinds.set(object, { apiVersion, kind, object: shared });
  return shared;
}

/**
 * A watch as clients see it: objects entering the selection arrive as ADDED, leaving it as DELETED, as the
 * Kubernetes watch cache presents selector-filtered watches. Store errors (e.g. an expired revision) propagate.
 */
export async function* watchObjects(ctx: ApiContext, target: Target, options: WatchOptions): AsyncGenerator<ApiWatchEvent> {
  const matches = (object: KubeObject) =>
    (!target.name || object.metadata.name === target.name) && (!options.matches || options.matches(object));
  const apiVersion = groupVersion(target.type);
  const withKind = (object: KubeObject) => withKindShared(object, apiVersion, target.type.kind);

  let from = options.resourceVersion;
  // uids the client currently sees; known only when this watch began with the current state.
  let visible: Set<string> | undefined;
  if (from === undefined || from === "" || from === "0") {
    const initial = await listObjects(ctx, target, { matches });
    visible = new Set();
    for (const object of initial.items) {
      visible.add(object.metadata.uid ?? "");
      yield { type: "ADDED", object: withKind(object) };
    }
    from = initial.metadata.resourceVersion;
  }
  if (from) options.onProgress?.(from);

  const query = {
    cluster: ctx.cluster,
    group: target.type.group,
    resource: target.type.plural,
    ...(target.type.namespaced && target.namespace ? { namespace: target.namespace } : {}),
    ...(target.name ? { name: target.name } : {}),
  };
  for await (const event of ctx.store.watch(query, from, options.signal)) {
    options.onProgress?.(event.revision);
    const uid = event.object.metadata.uid ?? "";
    const inSelection = matches(event.object);
    if (event.type === "DELETED") {
      if (visible ? visible.delete(uid) : inSelection) yield { type: "DELETED", object: withKind(event.object) };
      continue;
    }
    if (!visible) {
      if (inSelection) yield { type: event.type, object: withKind(event.object) };
      continue;
    }
    const wasVisible = visible.has(uid);
    if (inSelection) {
      visible.add(uid);
      yield { type: wasVisible ? "MODIFIED" : "ADDED", object: withKind(event.object) };
    } else if (wasVisible) {
      visible.delete(uid);
      yield { type: "DELETED", object: withKind(event.object) };
    }
  }
}
