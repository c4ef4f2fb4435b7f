import { resetPassword, resetPasswordInput } from "@/lib/server/accounts/reset-password";
import { prisma } from "@/lib/server/db/prisma";
import { jsonRoute } from "@/lib/server/http/json-route";

export const dynamic = "force-dynamic";

/** Sets a new password from a one-time reset link (the token is the credential, so no session is needed). */
export const POST = jsonRoute(async (request: Request) => {
  const input = resetPasswordInput.parse(await request.json());
  const result = await resetPassword({ prisma: prisma(), now: () => new Date() }, input);
  return Response.json(result, { headers: { "cache-control": "no-store" } });
});
