import { endpointSliceController } from "./endpointslice-controller";
import { endpointsController } from "./endpoints-controller";
import { garbageCollector } from "./garbage-collector";
import { kubelet } from "./kubelet/kubelet";
import { nodeAgent } from "./nodes/node-agent";
import { nodeLifecycle } from "./nodes/node-lifecycle";
import { scheduler } from "./scheduler/scheduler";
import { namespaceController } from "./namespace-controller";
import { deploymentController } from "./deployment-controller";
import { replicaSetController } from "./replicaset-controller";
import type { Controller } from "./runtime/controller";
import { serviceLoadBalancerController } from "./service-lb-controller";
import { statefulSetController } from "./statefulset-controller";
import { daemonSetController } from "./daemonset-controller";
import { jobController } from "./job-controller";
import { cronJobController } from "./cronjob-controller";
import { claimBinder } from "./storage/claim-binder";
import { volumeReclaimer } from "./storage/volume-reclaimer";
import { ingressController } from "./ingress-controller";
import { resourceQuotaController } from "./resourcequota-controller";
import { eventTtlController } from "./event-ttl-controller";

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
  statefulSetController,
  daemonSetController,
  endpointsController,
  endpointSliceController,
  serviceLoadBalancerController,
  jobController,
  cronJobController,
  claimBinder,
  volumeReclaimer,
  ingressController,
  resourceQuotaController,
  eventTtlController,
];
