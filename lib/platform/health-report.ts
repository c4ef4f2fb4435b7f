export type PartName = "postgres" | "redis" | "worker";

export type PartHealth = {
  status: "up" | "down" | "unknown";
  /** A sentence for a person: why it is down, or what is up. */
  detail: string;
  latencyMs?: number;
};

export type HealthReport = {
  status: "ok" | "degraded";
  checkedAt: string;
  parts: Record<PartName, PartHealth>;
};

export const partLabels: Record<PartName, string> = { postgres: "Postgres", redis: "Redis", worker: "Worker" };

export function buildReport(parts: Record<PartName, PartHealth>, now: Date): HealthReport {
  const allUp = Object.values(parts).every((p) => p.status === "up");
  return { status: allUp ? "ok" : "degraded", checkedAt: now.toISOString(), parts };
}

/** 503 names what is down, so a load balancer, an operator and a test all read the same thing. */
export function httpStatusOf(report: HealthReport): 200 | 503 {
  return report.status === "ok" ? 200 : 503;
}

export function downParts(report: HealthReport): PartName[] {
  return (Object.keys(report.parts) as PartName[]).filter((name) => report.parts[name].status !== "up");
}
