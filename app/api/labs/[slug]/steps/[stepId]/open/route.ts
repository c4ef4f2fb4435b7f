import { requireUser } from "@/lib/server/auth/current-user";
import { jsonRoute } from "@/lib/server/http/json-route";
import { labsDeps } from "@/lib/server/labs/labs-deps";
import { openStep } from "@/lib/server/labs/open-step";

export const dynamic = "force-dynamic";

/** The learner opens a step: it starts, its setup goes into their own namespace and its files into their home. */
export const POST = jsonRoute(async (_request: Request, context: { params: Promise<{ slug: string; stepId: string }> }) => {
  const user = await requireUser();
  const { slug, stepId } = await context.params;
  return Response.json(await openStep(await labsDeps(), user, { labSlug: slug, stepId }), { headers: { "cache-control": "no-store" } });
});
