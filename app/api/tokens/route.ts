import { requireUser } from "@/lib/server/auth/current-user";
import { prisma } from "@/lib/server/db/prisma";
import { jsonRoute } from "@/lib/server/http/json-route";
import { listMyTokens } from "@/lib/server/tokens/list-my-tokens";

export const dynamic = "force-dynamic";

export const GET = jsonRoute(async () => {
  const user = await requireUser();
  return Response.json({ tokens: await listMyTokens({ prisma: prisma(), now: () => new Date() }, user) }, { headers: { "cache-control": "no-store" } });
});
