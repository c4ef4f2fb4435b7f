import { requireUser } from "@/lib/server/auth/current-user";
import { jsonRoute } from "@/lib/server/http/json-route";
import { labsDeps } from "@/lib/server/labs/labs-deps";
import { namespaceObjects } from "@/lib/server/labs/namespace-objects";

export const dynamic = "force-dynamic";

/** The lab page's live view: the signed-in learner's own namespace (from their membership), polled every 2 s. */
export const GET = jsonRoute(async () => {
  const user = await requireUser();
  return Response.json(await namespaceObjects(await labsDeps(), user), { headers: { "cache-control": "no-store" } });
});
