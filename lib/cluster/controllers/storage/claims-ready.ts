import type { KubeObject } from "../../store/object-store";
import type { Cache } from "../runtime/controller";
import { resources } from "../runtime/resource-id";
import { claimNamesOf, phaseOf } from "./volume-objects";

/** Whether every PersistentVolumeClaim the pod mounts is Bound: the kubelet cannot mount volumes before. */
export function claimsReady(cache: Cache, pod: KubeObject): boolean {
  return claimNamesOf(pod).every((name) => phaseOf(cache.get(resources.persistentvolumeclaims, pod.metadata.namespace ?? "", name) ?? { metadata: {} }) === "Bound");
}
