import { requireUser } from "@/lib/server/auth/current-user";
import { jsonRoute } from "@/lib/server/http/json-route";
import { listClusterNodes } from "@/lib/server/instructor/cluster-drills";
import { instructorDeps } from "@/lib/server/instructor/instructor-deps";

export const dynamic = "force-dynamic";

/** The shared cluster's nodes with their drill state, for instructors' drills panel. */
export const GET = jsonRoute(async () => {
  const user = await requireUser();
  return Response.json({ nodes: await listClusterNodes(await instructorDeps(), user) }, { headers: { "cache-control": "no-store" } });
});
