import { signUp, signUpInput } from "@/lib/server/accounts/sign-up";
import { CLIENT_ADDRESS_HEADER } from "@/lib/server/auth/sign-in-limit-client-address";
import { signUpLimiter } from "@/lib/server/auth/sign-in-limit";
import { prisma } from "@/lib/server/db/prisma";
import { env } from "@/lib/server/env";
import { jsonRoute } from "@/lib/server/http/json-route";
import { TooManyRequests } from "@/lib/server/platform-errors";

export const dynamic = "force-dynamic";

/** Creates an account with a password. The page signs in with it next (next-auth's credentials flow). */
export const POST = jsonRoute(async (request: Request) => {
  const input = signUpInput.parse(await request.json());
  // Counted per client before the (deliberately slow) password hash, like sign-in; server.ts sets the header.
  const attempt = await signUpLimiter().begin(input.email, request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown");
  if (!attempt.allowed) {
    const minutes = Math.max(1, Math.ceil(attempt.retryAfterMs / 60_000));
    throw new TooManyRequests(`Too many sign-ups from this network. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`, Math.ceil(attempt.retryAfterMs / 1000));
  }
  const result = await signUp({ prisma: prisma(), instructorSignup: env().INSTRUCTOR_SIGNUP }, input);
  return Response.json(result, { status: 201, headers: { "cache-control": "no-store" } });
});
