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
};

export type ApiWatchEvent = { type: WatchEventType; object: KubeObject };

/**
 * A watch as clients see it: objects entering the selection arrive as ADDED, leaving it as DELETED, as the
 * Kubernetes watch cache presents selector-filtered watches. Store errors (e.g. an expired revision) propagate.
 */
export async function* watchObjects(ctx: ApiContext, target: Target, options: WatchOptions): AsyncGenerator<ApiWatchEvent> {
  const matches = (object: KubeObject) =>
    (!target.name || object.metadata.name === target.name) && (!options.matches || options.matches(object));
  const withKind = (object: KubeObject): KubeObject => ({
    apiVersion: groupVersion(target.type),
    kind: target.type.kind,
    ...object,
  });

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

  const query = {
    cluster: ctx.cluster,
    group: target.type.group,
    resource: target.type.plural,
    ...(target.type.namespaced && target.namespace ? { namespace: target.namespace } : {}),
    ...(target.name ? { name: target.name } : {}),
  };
  for await (const event of ctx.store.watch(query, from, options.signal)) {
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
