import { requireUser } from "@/lib/server/auth/current-user";
import { classroomDeps } from "@/lib/server/classrooms/classroom-deps";
import { classroomRoster } from "@/lib/server/classrooms/classroom-roster";
import { jsonRoute } from "@/lib/server/http/json-route";

export const dynamic = "force-dynamic";

/** The roster, for the classroom's instructors (and admins) only. */
export const GET = jsonRoute(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireUser();
  const { id } = await context.params;
  return Response.json(await classroomRoster(await classroomDeps(), user, { classroomId: id }), { headers: { "cache-control": "no-store" } });
});
