import { requireUser } from "@/lib/server/auth/current-user";
import { classroomDeps } from "@/lib/server/classrooms/classroom-deps";
import { resetLearnerNamespace } from "@/lib/server/classrooms/reset-learner-namespace";
import { jsonRoute } from "@/lib/server/http/json-route";

export const dynamic = "force-dynamic";

/** An instructor empties a learner's namespace back to how it was on joining. */
export const POST = jsonRoute(async (_request: Request, context: { params: Promise<{ id: string; userId: string }> }) => {
  const user = await requireUser();
  const { id, userId } = await context.params;
  return Response.json(await resetLearnerNamespace(await classroomDeps(), user, { classroomId: id, userId }));
});
