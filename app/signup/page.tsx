import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { viewer } from "@/components/auth/viewer";
import { afterSignInPath, inviteCodeFrom } from "@/lib/server/accounts/after-sign-in-path";
import { env } from "@/lib/server/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign up · kubeclass" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: Props) {
  const params = await searchParams;
  const one = (key: string) => (typeof params[key] === "string" ? params[key] : undefined);
  const invite = inviteCodeFrom(one("invite"));
  const next = afterSignInPath({ callbackUrl: one("callbackUrl"), invite });
  if (await viewer()) redirect(next);

  const carried = new URLSearchParams();
  const callbackUrl = one("callbackUrl");
  if (callbackUrl) carried.set("callbackUrl", callbackUrl);
  if (invite) carried.set("invite", invite);
  const query = carried.size > 0 ? `?${carried.toString()}` : "";

  return (
    <main className="auth-page">
      <h1>Create your account</h1>
      <p className="lede">
        {invite ? "Then you join your classroom and get a namespace of your own." : "Learners get a namespace and a terminal when they join a classroom."}
      </p>
      <SignUpForm next={next} {...(invite ? { invite } : {})} instructorSignupOpen={env().INSTRUCTOR_SIGNUP === "open"} />
      <p className="switch">
        Already have an account? <Link href={`/signin${query}`}>Sign in</Link>
      </p>
    </main>
  );
}
