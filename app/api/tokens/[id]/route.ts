import { requireUser } from "@/lib/server/auth/current-user";
import { prisma } from "@/lib/server/db/prisma";
import { jsonRoute } from "@/lib/server/http/json-route";
import { revokeMyToken } from "@/lib/server/tokens/revoke-my-token";

export const dynamic = "force-dynamic";

/** Revokes one of the signed-in user's own tokens (the id only picks among theirs). */
export const DELETE = jsonRoute(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await requireUser();
  const { id } = await context.params;
  await revokeMyToken({ prisma: prisma(), now: () => new Date() }, user, id.slice(0, 64));
  return new Response(null, { status: 204 });
});
