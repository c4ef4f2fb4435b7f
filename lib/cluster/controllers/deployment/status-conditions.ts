/** A ReplicaSet or Deployment condition (the Deployment's also carry lastUpdateTime). */
export type Condition = {
  type: string;
  status: "True" | "False" | "Unknown";
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
};

export const getCondition = (conditions: readonly Condition[] | undefined, type: string): Condition | undefined =>
  conditions?.find((c) => c.type === type);

export const removeCondition = (conditions: readonly Condition[] | undefined, type: string): Condition[] =>
  (conditions ?? []).filter((c) => c.type !== type);

/**
 * SetDeploymentCondition's rule: the same status and reason changes nothing (the first message and times stay);
 * otherwise the condition is replaced and moved last, keeping lastTransitionTime when only the reason changed.
 */
export function setCondition(conditions: readonly Condition[] | undefined, condition: Condition): Condition[] {
  const current = getCondition(conditions, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return [...(conditions ?? [])];
  const next = { ...condition };
  if (current && current.status === condition.status && current.lastTransitionTime) next.lastTransitionTime = current.lastTransitionTime;
  return [...removeCondition(conditions, condition.type), next];
}
