import { requireUser } from "@/lib/server/auth/current-user";
import { env } from "@/lib/server/env";
import { jsonRoute } from "@/lib/server/http/json-route";
import { readRealism, setRealism } from "@/lib/server/instructor/cluster-realism";
import { instructorDeps } from "@/lib/server/instructor/instructor-deps";

export const dynamic = "force-dynamic";

/** The shared cluster's realism level (instant, realistic, slow), for instructors' drills panel. */
export const GET = jsonRoute(async () => {
  const user = await requireUser();
  return Response.json(await readRealism(await instructorDeps(), user, env().SIMULATION), { headers: { "cache-control": "no-store" } });
});

/** { realism }: sets it for the whole cluster, from the controllers' next pass on. */
export const POST = jsonRoute(async (request: Request) => {
  const user = await requireUser();
  const body: unknown = await request.json();
  return Response.json(await setRealism(await instructorDeps(), user, body));
});
