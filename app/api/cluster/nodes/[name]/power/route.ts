import { requireUser } from "@/lib/server/auth/current-user";
import { jsonRoute } from "@/lib/server/http/json-route";
import { setNodePower } from "@/lib/server/instructor/cluster-drills";
import { instructorDeps } from "@/lib/server/instructor/instructor-deps";

export const dynamic = "force-dynamic";

/** A fault drill: { on: false } powers a worker node off, { on: true } back on. Affects the whole shared cluster. */
export const POST = jsonRoute(async (request: Request, context: { params: Promise<{ name: string }> }) => {
  const user = await requireUser();
  const { name } = await context.params;
  const body: unknown = await request.json();
  return Response.json({ node: await setNodePower(await instructorDeps(), user, name, body) });
});
