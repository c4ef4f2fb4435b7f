import { z } from "zod";
import { requireUser } from "@/lib/server/auth/current-user";
import { addInstructor } from "@/lib/server/classrooms/add-instructor";
import { classroomDeps } from "@/lib/server/classrooms/classroom-deps";
import { jsonRoute } from "@/lib/server/http/json-route";

export const dynamic = "force-dynamic";

const input = z.object({ email: z.email("enter the instructor's e-mail address").max(254) });

/** The owner adds a co-instructor (an existing instructor account) by e-mail. */
export const POST = jsonRoute(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireUser();
  const { id } = await context.params;
  const { email } = input.parse(await request.json());
  return Response.json(await addInstructor(await classroomDeps(), user, { classroomId: id, email }), { status: 201 });
});
