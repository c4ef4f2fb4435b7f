import { garbageCollector } from "./garbage-collector";
import { namespaceController } from "./namespace-controller";
import type { Controller } from "./runtime/controller";

/** Every controller the worker runs, in the order they are started. */
export const allControllers: Controller[] = [namespaceController, garbageCollector];
