import { requireUser } from "@/lib/server/auth/current-user";
import { jsonRoute } from "@/lib/server/http/json-route";
import { createAssignment, createAssignmentInput } from "@/lib/server/labs/create-assignment";
import { labsDeps } from "@/lib/server/labs/labs-deps";
import { listAssignments } from "@/lib/server/labs/list-assignments";

export const dynamic = "force-dynamic";

/** A classroom's assignments, for its instructors and learners. */
export const GET = jsonRoute(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireUser();
  const { id } = await context.params;
  return Response.json(await listAssignments(await labsDeps(), user, id), { headers: { "cache-control": "no-store" } });
});

/** An instructor turns a lab into an assignment: { labSlug, title?, opensAt, dueAt }. */
export const POST = jsonRoute(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireUser();
  const { id } = await context.params;
  const input = createAssignmentInput.parse(await request.json());
  return Response.json(await createAssignment(await labsDeps(), user, id, input), { status: 201 });
});
