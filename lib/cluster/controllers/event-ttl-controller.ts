import type { KubeObject } from "../store/object-store";
import { ownKey, type Controller } from "./runtime/controller";
import { resources, splitKey } from "./runtime/resource-id";

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
 * Deletes Events an hour after they were last seen. Kubernetes gets this from etcd leases; here a controller does
 * it, each Event's pass asking to run again at its expiry, so the store stays small on long-lived clusters.
 */
export const eventTtlController: Controller = {
  name: "event-ttl",
  username: "system:serviceaccount:kube-system:event-ttl-controller",
  component: "event-ttl-controller",
  primary: resources.events,
  watches: [{ resource: resources.events, keys: ownKey }],
  async reconcile(ctx, key) {
    const { namespace, name } = splitKey(key);
    const event = ctx.cache.get(resources.events, namespace, name);
    if (!event) return;
    const seen = lastSeen(event);
    if (seen === undefined) return;
    const remaining = seen + eventTtlMs - ctx.clock.now().getTime();
    if (remaining > 0) return { requeueAfterMs: remaining };
    await ctx.client.delete(resources.events, event);
  },
};
