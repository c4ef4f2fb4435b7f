import { requireUser } from "@/lib/server/auth/current-user";
import { jsonRoute } from "@/lib/server/http/json-route";
import { labsDeps } from "@/lib/server/labs/labs-deps";
import { revealHint } from "@/lib/server/labs/reveal-hint";

export const dynamic = "force-dynamic";

/** Reveals the step's next hint to the signed-in learner and returns every hint shown so far. */
export const POST = jsonRoute(async (_request: Request, context: { params: Promise<{ slug: string; stepId: string }> }) => {
  const user = await requireUser();
  const { slug, stepId } = await context.params;
  return Response.json(await revealHint(await labsDeps(), user, { labSlug: slug, stepId }), { headers: { "cache-control": "no-store" } });
});
