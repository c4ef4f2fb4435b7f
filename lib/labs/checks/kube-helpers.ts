// Small readers over Kubernetes objects shared by several checks.
import type { KubeObject } from "../lab-cluster";
import type { EvalContext } from "../eval-context";

type Container = { name?: string; image?: string };
type PodSpec = { containers?: Container[]; initContainers?: Container[] };

export const nameOf = (o: KubeObject): string => o.metadata?.name ?? "";
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
export const showSelector = (sel: Record<string, string>): string =>
  Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(",") || "(everything)";

export function matchesLabels(o: KubeObject, selector: Record<string, string>): boolean {
  const labels = o.metadata?.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** The pod spec of a Pod, or of the template of a workload (Deployment, Job, CronJob, …). */
export function podSpecOf(o: KubeObject): PodSpec | undefined {
  const spec = o.spec as Record<string, unknown> | undefined;
  if (!spec) return undefined;
  if (o.kind === "Pod" || "containers" in spec) return spec;
  if (o.kind === "CronJob") {
    const job = spec.jobTemplate as { spec?: { template?: { spec?: PodSpec } } } | undefined;
    return job?.spec?.template?.spec;
  }
  return (spec.template as { spec?: PodSpec } | undefined)?.spec;
}

export function imagesOf(o: KubeObject): string[] {
  const spec = podSpecOf(o);
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) => c.image ?? "");
}

export function isPodReady(pod: KubeObject): boolean {
  const status = pod.status as { phase?: string; conditions?: { type: string; status: string }[] } | undefined;
  return status?.phase === "Running" && (status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

export function podPhase(pod: KubeObject): string {
  return (pod.status as { phase?: string } | undefined)?.phase ?? "Pending";
}

const ownedBy = (o: KubeObject, kind: string, name: string): boolean =>
  (o.metadata?.ownerReferences ?? []).some((r) => r.kind === kind && r.name === name);

/** Pods owned by a workload, following Deployment → ReplicaSet → Pod and CronJob → Job → Pod. */
export async function podsOwnedBy(ctx: EvalContext, kind: string, name: string): Promise<KubeObject[]> {
  const pods = await ctx.list("Pod");
  if (kind === "Deployment" || kind === "CronJob") {
    const middle = kind === "Deployment" ? "ReplicaSet" : "Job";
    const owners = (await ctx.list(middle)).filter((o) => ownedBy(o, kind, name)).map(nameOf);
    return pods.filter((p) => owners.some((n) => ownedBy(p, middle, n)));
  }
  return pods.filter((p) => ownedBy(p, kind, name));
}

export function countMatches(actual: number, want: { count?: number; min?: number }): boolean {
  return want.count !== undefined ? actual === want.count : actual >= (want.min ?? 0);
}

export function wanted(want: { count?: number; min?: number }): string {
  return want.count !== undefined ? String(want.count) : `at least ${want.min ?? 0}`;
}
