import type { KubeObject } from "../store/object-store";
import type { Cache, Controller } from "./runtime/controller";
import type { InformerEvent } from "./runtime/informer";
import { resources } from "./runtime/resource-id";

/** kube-apiserver's default --event-ttl: Events live one hour after they were last recorded. */
export const eventTtlMs = 60 * 60 * 1000;

/** When the Event last happened: lastTimestamp, series.lastObservedTime or eventTime, else when it was created. */
export function lastSeen(event: KubeObject): number | undefined {
  const series = event.series as { lastObservedTime?: string } | undefined;
  const parse = (values: unknown[]) =>
    values.filter((t): t is string => typeof t === "string" && t !== "").map((t) => Date.parse(t)).filter((t) => !Number.isNaN(t));
  const times = parse([event.lastTimestamp, series?.lastObservedTime, event.eventTime]);
  if (times.length > 0) return Math.max(...times);
  return parse([event.metadata.creationTimestamp])[0];
}

/**
 * A sweep runs at most this often per namespace, so Events expiring close together go together. Kubernetes'
 * Event leases are reused for a minute as well, so there too an Event may outlive its hour by up to a minute.
 */
const sweepGapMs = 60 * 1000;

/**
 * Deletes Events an hour after they were last seen. Kubernetes gets this from etcd leases; here one sweep per
 * namespace deletes the expired ones and asks to run again when the next is due, so the store stays small on
 * long-lived clusters. A pass per Event (and a timer per Event) was most of the work queue's traffic when pods
 * start by the hundred, each reporting four Events.
 *
 * A namespace always has a sweep pending once it holds Events: its first Event asks for one, and a sweep that
 * leaves Events asks for the next. An Event recorded now expires after every pending sweep, so only an Event
 * that arrives (or is edited) already old asks for a sweep of its own. The periodic resync of namespaces is the
 * safety net.
 */
export const eventTtlController: Controller = {
  name: "event-ttl",
  username: "system:serviceaccount:kube-system:event-ttl-controller",
  component: "event-ttl-controller",
  primary: resources.namespaces,
  watches: [{ resource: resources.events, keys: (event, cache) => (needsSweep(event, cache) ? [event.object.metadata.namespace ?? ""] : []) }],
  async reconcile(ctx, namespace) {
    const now = ctx.clock.now().getTime();
    let next: number | undefined;
    for (const event of ctx.cache.list(resources.events, namespace)) {
      const seen = lastSeen(event);
      if (seen === undefined) continue;
      const expiry = seen + eventTtlMs;
      if (expiry <= now) await ctx.client.delete(resources.events, event);
      else next = next === undefined ? expiry : Math.min(next, expiry);
    }
    if (next !== undefined) return { requeueAfterMs: Math.max(next - now, sweepGapMs) };
  },
};

/** The first Event of a namespace, or one already older than the sweep gap when it was stored or edited. */
function needsSweep(event: InformerEvent, cache: Cache): boolean {
  if (event.type === "DELETED" || !event.object.metadata.namespace) return false;
  const seen = lastSeen(event.object);
  if (seen === undefined) return false;
  if (event.type === "ADDED") {
    const created = Date.parse(String(event.object.metadata.creationTimestamp));
    return cache.count(resources.events, event.object.metadata.namespace) === 1 || !(seen > created - sweepGapMs);
  }
  const before = event.previous ? lastSeen(event.previous) : undefined;
  return before === undefined || seen < before;
}
