import type { KubeObject } from "../../store/object-store";

export type Condition = { type: string; status: string; lastProbeTime: string; lastTransitionTime: string; reason?: string; message?: string };

export type JobSpec = {
  parallelism?: number;
  completions?: number | null;
  backoffLimit?: number;
  completionMode?: string;
  activeDeadlineSeconds?: number;
  ttlSecondsAfterFinished?: number;
  suspend?: boolean;
  template?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> };
};

export type JobStatus = {
  active?: number;
  succeeded?: number;
  failed?: number;
  ready?: number;
  terminating?: number;
  startTime?: string;
  completionTime?: string;
  completedIndexes?: string;
  conditions?: Condition[];
  uncountedTerminatedPods?: Record<string, unknown>;
};

export const jobSpec = (job: KubeObject) => (job.spec ?? {}) as JobSpec;
export const jobStatus = (job: KubeObject) => (job.status ?? {}) as JobStatus;
export const podPhase = (pod: KubeObject) => (pod.status as { phase?: string } | undefined)?.phase ?? "";

export const INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";

export function completionIndex(pod: KubeObject): number | undefined {
  const raw = (pod.metadata.annotations as Record<string, string> | undefined)?.[INDEX_ANNOTATION];
  const n = Number(raw);
  return raw === undefined || !Number.isInteger(n) || n < 0 ? undefined : n;
}

export function hasCondition(conditions: Condition[] | undefined, type: string): boolean {
  return conditions?.some((c) => c.type === type && c.status === "True") ?? false;
}

/** The time the Job finished (Complete or Failed), if it has. */
export function finishedAt(job: KubeObject): number | undefined {
  const done = jobStatus(job).conditions?.find((c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True");
  return done ? Date.parse(done.lastTransitionTime) : undefined;
}

/** `1,3-5,7`: completed indexes as Kubernetes compresses them into status.completedIndexes. */
export function formatIndexes(indexes: Iterable<number>): string {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

export function parseIndexes(text: string | undefined): Set<number> {
  const out = new Set<number>();
  for (const part of (text ?? "").split(",")) {
    if (part === "") continue;
    const [from, to] = part.split("-").map(Number);
    if (from === undefined || Number.isNaN(from)) continue;
    for (let i = from; i <= (to ?? from); i++) out.add(i);
  }
  return out;
}
