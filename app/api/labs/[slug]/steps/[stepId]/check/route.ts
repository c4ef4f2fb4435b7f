import { requireUser } from "@/lib/server/auth/current-user";
import { jsonRoute } from "@/lib/server/http/json-route";
import { checkStep } from "@/lib/server/labs/check-step";
import { labsDeps } from "@/lib/server/labs/labs-deps";

export const dynamic = "force-dynamic";

/**
 * The Check button. The body is ignored: results are computed here from the learner's own namespace, so there is
 * nothing a client could send that counts.
 */
export const POST = jsonRoute(async (_request: Request, context: { params: Promise<{ slug: string; stepId: string }> }) => {
  const user = await requireUser();
  const { slug, stepId } = await context.params;
  return Response.json(await checkStep(await labsDeps(), user, { labSlug: slug, stepId }), { headers: { "cache-control": "no-store" } });
});
