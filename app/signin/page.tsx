import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { signInErrorMessage } from "@/components/auth/auth-error-message";
import { SignInForm } from "@/components/auth/sign-in-form";
import { viewer } from "@/components/auth/viewer";
import { afterSignInPath } from "@/lib/server/accounts/after-sign-in-path";
import { externalProviders } from "@/lib/server/auth/auth-providers";
import { env } from "@/lib/server/env";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in · kubeclass" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const one = (key: string) => (typeof params[key] === "string" ? params[key] : undefined);
  const next = afterSignInPath({ callbackUrl: one("callbackUrl"), invite: one("invite") });
  if (await viewer()) redirect(next);

  const carried = new URLSearchParams();
  for (const key of ["callbackUrl", "invite"]) {
    const value = one(key);
    if (value) carried.set(key, value);
  }
  const query = carried.size > 0 ? `?${carried.toString()}` : "";

  return (
    <main className="auth-page">
      <h1>Sign in</h1>
      <p className="lede">Welcome back. Your namespace and terminal are where you left them.</p>
      <SignInForm next={next} providers={externalProviders(env())} initialError={signInErrorMessage(one("error"), "url")} />
      <p className="switch">
        New here? <Link href={`/signup${query}`}>Create an account</Link>
      </p>
    </main>
  );
}
