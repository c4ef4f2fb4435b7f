import { z } from "zod";
import { requireUser } from "@/lib/server/auth/current-user";
import { classroomDeps } from "@/lib/server/classrooms/classroom-deps";
import { joinClassroom } from "@/lib/server/classrooms/join-classroom";
import { jsonRoute } from "@/lib/server/http/json-route";

export const dynamic = "force-dynamic";

const input = z.object({ inviteCode: z.string().max(64) });

/** A learner joins with an invite code and gets their namespace (ready when this answers). */
export const POST = jsonRoute(async (request: Request) => {
  const user = await requireUser();
  const { inviteCode } = input.parse(await request.json());
  return Response.json(await joinClassroom(await classroomDeps(), user, { inviteCode }));
});
