import { requireUser } from "@/lib/server/auth/current-user";
import { jsonRoute } from "@/lib/server/http/json-route";
import { labsDeps } from "@/lib/server/labs/labs-deps";
import { regradeSubmission } from "@/lib/server/labs/regrade-submission";

export const dynamic = "force-dynamic";

/** An instructor regrades a submission against the learner's namespace as it is now. */
export const POST = jsonRoute(async (_request: Request, context: { params: Promise<{ id: string; sid: string }> }) => {
  const user = await requireUser();
  const { id, sid } = await context.params;
  return Response.json(await regradeSubmission(await labsDeps(), user, { assignmentId: id, submissionId: sid }));
});
