import { requireUser } from "@/lib/server/auth/current-user";
import { classroomDeps } from "@/lib/server/classrooms/classroom-deps";
import { removeLearner } from "@/lib/server/classrooms/remove-learner";
import { jsonRoute } from "@/lib/server/http/json-route";

export const dynamic = "force-dynamic";

/** An instructor removes a learner from the classroom (their namespace is deleted). */
export const DELETE = jsonRoute(async (_request: Request, context: { params: Promise<{ id: string; userId: string }> }) => {
  const user = await requireUser();
  const { id, userId } = await context.params;
  return Response.json(await removeLearner(await classroomDeps(), user, { classroomId: id, userId }));
});
