import { requireUser } from "@/lib/server/auth/current-user";
import { jsonRoute } from "@/lib/server/http/json-route";
import { broadcastDeps } from "@/lib/server/instructor/broadcast-deps";
import { broadcastToClassroom } from "@/lib/server/instructor/broadcast-to-classroom";

export const dynamic = "force-dynamic";

/** An instructor's message to every open terminal of the classroom's learners: { message } (one line, 1–500 characters). */
export const POST = jsonRoute(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireUser();
  const { id } = await context.params;
  const body: unknown = await request.json();
  return Response.json(await broadcastToClassroom(broadcastDeps(), user, id, body));
});
