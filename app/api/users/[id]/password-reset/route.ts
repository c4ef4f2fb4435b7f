import { createPasswordReset } from "@/lib/server/accounts/create-password-reset";
import { requireUser } from "@/lib/server/auth/current-user";
import { prisma } from "@/lib/server/db/prisma";
import { env } from "@/lib/server/env";
import { jsonRoute } from "@/lib/server/http/json-route";

export const dynamic = "force-dynamic";

/** An instructor (for a learner of theirs) or an admin makes a one-time link to set a new password. */
export const POST = jsonRoute(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const actor = await requireUser();
  const { id } = await context.params;
  const link = await createPasswordReset({ prisma: prisma(), publicUrl: env().PUBLIC_URL, now: () => new Date() }, actor, { userId: id.slice(0, 64) });
  return Response.json(link, { status: 201, headers: { "cache-control": "no-store" } });
});
