import { z } from "zod";
import { hashPassword } from "../auth/password";
import type { PlatformUser } from "../auth/platform-user";
import { isUniqueViolation } from "../classrooms/unique-violation";
import type { PrismaClient } from "../db/generated/prisma/client";
import { Conflict, Forbidden } from "../platform-errors";
import { inviteCodeFrom } from "./after-sign-in-path";
import { newPasswordSchema } from "./new-password";

export const signUpInput = z.object({
  email: z.string().trim().pipe(z.email("Enter a valid e-mail address.").max(254, "That e-mail address is too long.")),
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters for your name."),
  password: newPasswordSchema,
  role: z.enum(["LEARNER", "INSTRUCTOR"]).default("LEARNER"),
  /** A classroom invite code the person came with; handed back so the page can continue to /join/<code>. */
  invite: z.string().max(200).optional(),
});

export type SignUpInput = z.input<typeof signUpInput>;

export type SignUpDeps = { prisma: PrismaClient; instructorSignup: "open" | "closed" };

export type SignUpResult = { user: PlatformUser; invite?: string };

/** A new account with a password. The e-mail address is stored lower case, so it is unique whatever the case. */
export async function signUp(deps: SignUpDeps, raw: SignUpInput): Promise<SignUpResult> {
  const input = signUpInput.parse(raw);
  if (input.role === "INSTRUCTOR" && deps.instructorSignup === "closed") {
    throw new Forbidden("Instructor accounts are not open for sign-up here. Sign up as a learner, or ask an admin.");
  }
  const email = input.email.trim().toLowerCase();
  const taken = () => new Conflict(`An account for ${email} already exists. Sign in instead, or ask your instructor for a password reset link.`);
  if (await deps.prisma.user.findUnique({ where: { email }, select: { id: true } })) throw taken();

  const passwordHash = await hashPassword(input.password);
  try {
    const user = await deps.prisma.user.create({
      data: { email, name: input.name, role: input.role, passwordHash },
      select: { id: true, email: true, name: true, role: true },
    });
    const invite = input.invite === undefined ? undefined : inviteCodeFrom(input.invite);
    return invite ? { user, invite } : { user };
  } catch (error) {
    // Someone signed up with the same address between our check and our write.
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}
