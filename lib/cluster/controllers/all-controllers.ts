import { deploymentController } from "./deployment-controller";
import { endpointSliceController } from "./endpointslice-controller";
import { endpointsController } from "./endpoints-controller";
import { garbageCollector } from "./garbage-collector";
import { kubelet } from "./kubelet/kubelet";
import { namespaceController } from "./namespace-controller";
import { nodeAgent } from "./nodes/node-agent";
import { nodeLifecycle } from "./nodes/node-lifecycle";
import { replicaSetController } from "./replicaset-controller";
import type { Controller } from "./runtime/controller";
import { scheduler } from "./scheduler/scheduler";
import { serviceLoadBalancerController } from "./service-lb-controller";

/** Every controller the worker runs, in the order they are started. */
export const allControllers: Controller[] = [
  nodeAgent,
  nodeLifecycle,
  scheduler,
  kubelet,
  namespaceController,
  garbageCollector,
  deploymentController,
  replicaSetController,
  endpointsController,
  endpointSliceController,
  serviceLoadBalancerController,
];
