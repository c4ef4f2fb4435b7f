import type { Controller } from "../runtime/controller";
import { ownKey } from "../runtime/controller";
import { resources, splitKey } from "../runtime/resource-id";
import { isPodReady } from "./pod-readiness";
import { asPod, timestamp, toKube, type Pod } from "./workload-objects";

/**
 * For tests only: stands in for the scheduler and kubelet by marking every active pod Running and Ready (through
 * /status, as the kubelet reports), optionally only those `ready` approves, and finishing graceful deletions.
 */
export function fakeKubelet(options: { ready?: (pod: Pod) => boolean } = {}): Controller {
  return {
    name: "fake-kubelet",
    username: "system:node:fake",
    component: "kubelet",
    watches: [{ resource: resources.pods, keys: ownKey }],
    async reconcile(ctx, key) {
      const { namespace, name } = splitKey(key);
      const cached = ctx.cache.get(resources.pods, namespace, name);
      if (!cached) return;
      const pod = asPod(cached);
      if (pod.metadata?.deletionTimestamp) {
        await ctx.client.delete(resources.pods, cached, { gracePeriodSeconds: 0 });
        return;
      }
      if (isPodReady(pod) || (options.ready && !options.ready(pod))) return;
      const now = timestamp(ctx.clock.now());
      const conditions = ["Initialized", "Ready", "ContainersReady", "PodScheduled"].map((type) => ({ type, status: "True", lastTransitionTime: now }));
      await ctx.client.updateStatus(resources.pods, toKube({ ...pod, status: { ...pod.status, phase: "Running", conditions, startTime: now } }));
    },
  };
}
