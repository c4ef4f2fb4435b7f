import { requireUser } from "@/lib/server/auth/current-user";
import { jsonRoute } from "@/lib/server/http/json-route";
import { grantExtension, grantExtensionInput } from "@/lib/server/instructor/grant-extension";
import { instructorDeps } from "@/lib/server/instructor/instructor-deps";

export const dynamic = "force-dynamic";

/** An instructor grants one learner extra time: { userId, dueAt } (their own deadline for this assignment). */
export const POST = jsonRoute(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireUser();
  const { id } = await context.params;
  const input = grantExtensionInput.parse(await request.json());
  return Response.json(await grantExtension(await instructorDeps(), user, id, input));
});
