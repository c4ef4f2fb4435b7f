import type { Controller } from "./controller";

/** The field manager Kubernetes' own components appear as in managedFields. */
export function fieldManagerOf(controller: Controller): string {
  if (controller.component === "kubelet") return "kubelet";
  if (controller.component === "default-scheduler") return "kube-scheduler";
  return "kube-controller-manager";
}
