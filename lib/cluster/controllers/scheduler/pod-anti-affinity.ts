import { labelSelectorFromObject, matches, type LabelSelectorObject } from "../../api/selectors/label-selector";
import type { KubeObject } from "../../store/object-store";
import type { NodeInfo } from "./node-filters";

type Term = { labelSelector?: LabelSelectorObject; topologyKey?: string; namespaces?: string[] };

/**
 * Required pod anti-affinity: no pod matching the term's selector may already be in the same topology domain
 * (the node itself for `kubernetes.io/hostname`, else nodes sharing the label's value).
 */
export function violatesAntiAffinity(pod: KubeObject, candidate: NodeInfo, all: NodeInfo[]): boolean {
  const terms = ((pod.spec as { affinity?: { podAntiAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: Term[] } } } | undefined)?.affinity
    ?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution) ?? [];
  for (const term of terms) {
    if (!term.topologyKey || !term.labelSelector) continue;
    let selector;
    try {
      selector = labelSelectorFromObject(term.labelSelector);
    } catch {
      continue;
    }
    const namespaces = term.namespaces?.length ? term.namespaces : [pod.metadata.namespace ?? ""];
    const domain = (candidate.node.metadata.labels as Record<string, string> | undefined)?.[term.topologyKey];
    if (domain === undefined) continue;
    const sameDomain = all.filter((info) => (info.node.metadata.labels as Record<string, string> | undefined)?.[term.topologyKey as string] === domain);
    const clash = sameDomain.some((info) =>
      info.pods.some((other) => namespaces.includes(other.metadata.namespace ?? "") && matches(selector, other.metadata.labels as Record<string, string> | undefined)),
    );
    if (clash) return true;
  }
  return false;
}
