import { matchesNodeSelectorTerms } from "../scheduler/node-affinity";
import { tolerates } from "../scheduler/node-filters";
import { daemonPodSpec, type DaemonSet, type Node } from "./daemon-pod";

/**
 * Whether a daemon pod belongs on the node (NodeShouldRunDaemonPod): `shouldRun` when the template's node name,
 * node selector and required node affinity match and every NoSchedule/NoExecute taint is tolerated (with the
 * daemon tolerations added); `shouldContinueRunning` when only NoExecute taints would evict a running one.
 */
export function nodeShouldRunDaemonPod(ds: DaemonSet, node: Node): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const spec = daemonPodSpec(ds);
  const name = node.metadata?.name ?? "";
  const labels = node.metadata?.labels ?? {};
  if (spec.nodeName && spec.nodeName !== name) return { shouldRun: false, shouldContinueRunning: false };
  const selectorOk = Object.entries(spec.nodeSelector ?? {}).every(([k, v]) => labels[k] === v);
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  const affinityOk = !terms || matchesNodeSelectorTerms(terms, labels, { "metadata.name": name });
  if (!selectorOk || !affinityOk) return { shouldRun: false, shouldContinueRunning: false };
  const untolerated = (effect: string) =>
    (node.spec?.taints ?? []).some((taint) => taint.effect === effect && !(spec.tolerations ?? []).some((t) => tolerates(t, { ...taint, effect: taint.effect })));
  const noExecute = untolerated("NoExecute");
  return { shouldRun: !noExecute && !untolerated("NoSchedule"), shouldContinueRunning: !noExecute };
}
