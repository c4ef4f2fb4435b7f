import { signUp, signUpInput } from "@/lib/server/accounts/sign-up";
import { prisma } from "@/lib/server/db/prisma";
import { env } from "@/lib/server/env";
import { jsonRoute } from "@/lib/server/http/json-route";

export const dynamic = "force-dynamic";

/** Creates an account with a password. The page signs in with it next (next-auth's credentials flow). */
export const POST = jsonRoute(async (request: Request) => {
  const input = signUpInput.parse(await request.json());
  const result = await signUp({ prisma: prisma(), instructorSignup: env().INSTRUCTOR_SIGNUP }, input);
  return Response.json(result, { status: 201, headers: { "cache-control": "no-store" } });
});
