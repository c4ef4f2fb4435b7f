import { requireUser } from "@/lib/server/auth/current-user";
import { jsonRoute } from "@/lib/server/http/json-route";
import { assignmentGrades } from "@/lib/server/labs/assignment-grades";
import { labsDeps } from "@/lib/server/labs/labs-deps";

export const dynamic = "force-dynamic";

/** The grade sheet, for the classroom's instructors only. */
export const GET = jsonRoute(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireUser();
  const { id } = await context.params;
  return Response.json(await assignmentGrades(await labsDeps(), user, id), { headers: { "cache-control": "no-store" } });
});
