import { checkHealth } from "@/lib/server/health/check-health";
import { httpStatusOf } from "@/lib/platform/health-report";

export const dynamic = "force-dynamic";

/** Liveness of the platform's three parts: 200 when all are up, 503 naming what is not. */
export async function GET(): Promise<Response> {
  const report = await checkHealth();
  return Response.json(report, { status: httpStatusOf(report), headers: { "cache-control": "no-store" } });
}
