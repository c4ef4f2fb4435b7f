import { requireUser } from "@/lib/server/auth/current-user";
import { jsonRoute } from "@/lib/server/http/json-route";
import { labsDeps } from "@/lib/server/labs/labs-deps";
import { submitAssignment } from "@/lib/server/labs/submit-assignment";

export const dynamic = "force-dynamic";

/**
 * A learner submits. The body is never read: the grade comes from the server's own evaluation of the learner's
 * namespace, so forged scores or results in a request change nothing.
 */
export const POST = jsonRoute(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireUser();
  const { id } = await context.params;
  return Response.json(await submitAssignment(await labsDeps(), user, id), { status: 201 });
});
