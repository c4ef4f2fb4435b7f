import { requireUser } from "@/lib/server/auth/current-user";
import { jsonRoute } from "@/lib/server/http/json-route";
import { labProgress } from "@/lib/server/labs/lab-progress";
import { labsDeps } from "@/lib/server/labs/labs-deps";

export const dynamic = "force-dynamic";

/** The signed-in learner's own progress through a lab. */
export const GET = jsonRoute(async (_request: Request, context: { params: Promise<{ slug: string }> }) => {
  const user = await requireUser();
  const { slug } = await context.params;
  return Response.json(await labProgress(await labsDeps(), user, slug), { headers: { "cache-control": "no-store" } });
});
