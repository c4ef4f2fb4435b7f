import { z } from "zod";
import { requireUser } from "@/lib/server/auth/current-user";
import { prisma } from "@/lib/server/db/prisma";
import { jsonRoute } from "@/lib/server/http/json-route";
import { learnerTimeline, MAX_TIMELINE_ENTRIES } from "@/lib/server/instructor/learner-timeline";

export const dynamic = "force-dynamic";

const query = z.object({
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_TIMELINE_ENTRIES).optional(),
});

/** A learner's timeline (commands, API calls, denials, quota refusals, check attempts), for the classroom's instructors. */
export const GET = jsonRoute(async (request: Request, context: { params: Promise<{ id: string; userId: string }> }) => {
  const user = await requireUser();
  const { id, userId } = await context.params;
  const params = new URL(request.url).searchParams;
  const { from, to, limit } = query.parse({ from: params.get("from") ?? undefined, to: params.get("to") ?? undefined, limit: params.get("limit") ?? undefined });
  const entries = await learnerTimeline(prisma(), user, { classroomId: id, learnerId: userId, from, to, limit });
  return Response.json({ entries }, { headers: { "cache-control": "no-store" } });
});
