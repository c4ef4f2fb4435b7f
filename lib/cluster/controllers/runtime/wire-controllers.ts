import type { Controller } from "./controller";
import type { InformerSet } from "./informer-set";
import { resources } from "./resource-id";
import type { WorkQueue } from "./work-queue";

/**
 * Connects informers to the work queue: every change a controller watches enqueues the keys it maps to. Call
 * before `informers.start`, so the first list's ADDED events enqueue every existing object once.
 */
export function wireControllers(controllers: readonly Controller[], informers: InformerSet, queue: WorkQueue): void {
  // Every controller may report Events, and the recorder folds repeats by reading them from the cache.
  informers.informer(resources.events);
  for (const controller of controllers) {
    if (controller.primary) informers.informer(controller.primary);
    for (const watch of controller.watches) {
      informers.informer(watch.resource).onEvent((event) => {
        for (const key of watch.keys(event, informers)) if (key !== "") queue.add(controller.name, key);
      });
    }
  }
}

/** Level-triggered safety net: every primary object gets a pass now and then even if no event said so. */
export function resyncControllers(controllers: readonly Controller[], informers: InformerSet, queue: WorkQueue): void {
  for (const controller of controllers) {
    if (!controller.primary) continue;
    for (const object of informers.list(controller.primary)) {
      const ns = object.metadata.namespace ?? "";
      queue.add(controller.name, ns === "" ? (object.metadata.name ?? "") : `${ns}/${object.metadata.name ?? ""}`);
    }
  }
}

/** Enqueues each controller's start-up keys (call after the informers have synced). */
export function enqueueInitialKeys(controllers: readonly Controller[], queue: WorkQueue): void {
  for (const controller of controllers) for (const key of controller.initialKeys?.() ?? []) queue.add(controller.name, key);
}
