import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import { learnerObjectNames } from "@/lib/platform/tenancy/learner-namespace-objects";
import type { QuotaUse } from "@/lib/instructor/dashboard-types";
import { podProblem } from "@/lib/instructor/learner-status";
import { quotaUse } from "@/lib/instructor/quota-use";
import { platformUser, type ClusterApi } from "../apiserver/cluster-api";

export type NamespaceHealth = { quota: QuotaUse[]; podProblems: string[] };

/**
 * Quota use and failing pods of the given learner namespaces, read through the cluster API as the platform: one
 * cluster-wide list of ResourceQuotas and one of Pods for a whole class (two requests whatever its size), or the
 * two lists of one namespace when only one learner's row is wanted (the live updates).
 */
export async function namespaceHealth(api: ClusterApi, namespaces: readonly string[]): Promise<Map<string, NamespaceHealth>> {
  const client = new InProcessClient((request) => api.serve(request), platformUser, "kubeclass-dashboard");
  const wanted = new Set(namespaces);
  const one = namespaces.length === 1 ? namespaces[0] : undefined;
  const [quotas, pods] = await Promise.all([client.list(InProcessClient.path("v1", "resourcequotas", one)), client.list(InProcessClient.path("v1", "pods", one))]);
  const health = new Map<string, NamespaceHealth>(namespaces.map((ns) => [ns, { quota: [], podProblems: [] }]));
  for (const quota of quotas.items) {
    const ns = quota.metadata.namespace;
    if (!ns || !wanted.has(ns) || quota.metadata.name !== learnerObjectNames.quota) continue;
    health.get(ns)!.quota = quotaUse(quota as Parameters<typeof quotaUse>[0]);
  }
  for (const pod of pods.items) {
    const ns = pod.metadata.namespace;
    if (!ns || !wanted.has(ns)) continue;
    const problem = podProblem(pod);
    if (problem) health.get(ns)!.podProblems.push(problem);
  }
  return health;
}
