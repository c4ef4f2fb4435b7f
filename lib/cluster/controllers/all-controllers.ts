import { garbageCollector } from "./garbage-collector";
import { kubelet } from "./kubelet/kubelet";
import { nodeAgent } from "./nodes/node-agent";
import { nodeLifecycle } from "./nodes/node-lifecycle";
import { scheduler } from "./scheduler/scheduler";
import { namespaceController } from "./namespace-controller";
import type { Controller } from "./runtime/controller";

/** Every controller the worker runs, in the order they are started. */
export const allControllers: Controller[] = [nodeAgent, nodeLifecycle, scheduler, kubelet, namespaceController, garbageCollector];
