import { parseQuantity } from "@/lib/cluster/api/quantity";
import type { QuotaUse } from "./dashboard-types";

type QuotaLike = { status?: { hard?: Record<string, string>; used?: Record<string, string> } };

const nanos = (value: string | undefined): bigint | undefined => {
  if (value === undefined) return undefined;
  try {
    return parseQuantity(value).nanos;
  } catch {
    return undefined;
  }
};

/** A ResourceQuota's status as use per resource, fullest first; `top` keeps the few worth a bar on the dashboard. */
export function quotaUse(quota: QuotaLike | undefined, top = 3): QuotaUse[] {
  const hard = quota?.status?.hard ?? {};
  const used = quota?.status?.used ?? {};
  const rows: QuotaUse[] = [];
  for (const [resource, limit] of Object.entries(hard)) {
    const h = nanos(limit);
    const u = nanos(used[resource] ?? "0") ?? 0n;
    if (h === undefined) continue;
    // Ratios in thousandths through bigint: quantities can exceed Number's exact range in nanos.
    const ratio = h === 0n ? (u > 0n ? 1 : 0) : Number((u * 1000n) / h) / 1000;
    rows.push({ resource, used: used[resource] ?? "0", hard: limit, ratio });
  }
  return rows.sort((a, b) => b.ratio - a.ratio || a.resource.localeCompare(b.resource)).slice(0, top);
}

/** Resources whose use has reached the hard limit (the next create that needs one is refused). */
export function fullQuota(uses: readonly QuotaUse[]): string[] {
  return uses.filter((u) => u.ratio >= 1 && u.hard !== "0").map((u) => u.resource);
}
