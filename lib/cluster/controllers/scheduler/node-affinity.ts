type Requirement = { key?: string; operator?: string; values?: string[] };
type Term = { matchExpressions?: Requirement[]; matchFields?: Requirement[] };

/**
 * Node selector terms are ORed; the requirements inside one term are ANDed (core/v1 NodeSelector). `fields` are
 * the node's selectable fields: Kubernetes supports only `metadata.name` (how DaemonSet pods are pinned).
 */
export function matchesNodeSelectorTerms(terms: unknown[], labels: Record<string, string>, fields: Record<string, string> = {}): boolean {
  return (terms as Term[]).some(
    (term) =>
      (term.matchExpressions ?? []).every((r) => matches(r, labels)) &&
      (term.matchFields ?? []).every((r) => matches(r, fields)) &&
      (term.matchExpressions?.length ?? 0) + (term.matchFields?.length ?? 0) > 0,
  );
}

function matches(requirement: Requirement, labels: Record<string, string>): boolean {
  const value = requirement.key !== undefined ? labels[requirement.key] : undefined;
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case "In":
      return value !== undefined && values.includes(value);
    case "NotIn":
      return value === undefined || !values.includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
    case "Gt":
      return value !== undefined && Number(value) > Number(values[0]);
    case "Lt":
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      return false;
  }
}

/** Preferred terms' weights that a node's labels satisfy, summed (the NodeAffinity score before normalising). */
export function preferredAffinityWeight(preferred: unknown, labels: Record<string, string>): number {
  if (!Array.isArray(preferred)) return 0;
  let total = 0;
  for (const item of preferred as { weight?: number; preference?: Term }[]) {
    if (item.preference && (item.preference.matchExpressions ?? []).every((r) => matches(r, labels))) total += item.weight ?? 0;
  }
  return total;
}
