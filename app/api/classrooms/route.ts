import { z } from "zod";
import { requireUser } from "@/lib/server/auth/current-user";
import { classroomDeps } from "@/lib/server/classrooms/classroom-deps";
import { createClassroom } from "@/lib/server/classrooms/create-classroom";
import { listClassrooms } from "@/lib/server/classrooms/list-classrooms";
import { jsonRoute } from "@/lib/server/http/json-route";

export const dynamic = "force-dynamic";

const createInput = z.object({ name: z.string().trim().min(1, "give the classroom a name").max(100) });

/** The signed-in user's classrooms: those they teach and those they learn in. */
export const GET = jsonRoute(async () => {
  const user = await requireUser();
  return Response.json(await listClassrooms(await classroomDeps(), user), { headers: { "cache-control": "no-store" } });
});

/** An instructor (or admin) creates a classroom and becomes its owner. */
export const POST = jsonRoute(async (request: Request) => {
  const user = await requireUser();
  const input = createInput.parse(await request.json());
  return Response.json(await createClassroom(await classroomDeps(), user, input), { status: 201 });
});
