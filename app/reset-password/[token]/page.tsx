import type { Metadata } from "next";
import Link from "next/link";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { findPasswordReset } from "@/lib/server/accounts/find-password-reset";
import { prisma } from "@/lib/server/db/prisma";

export const dynamic = "force-dynamic";
// The token is in this page's address: keep it out of Referer headers and search indexes.
export const metadata: Metadata = { title: "Set a new password · kubeclass", referrer: "no-referrer", robots: { index: false } };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = await findPasswordReset({ prisma: prisma(), now: () => new Date() }, token);
  if (!reset) {
    return (
      <main className="auth-page">
        <h1>This link no longer works</h1>
        <p className="lede">It has expired or was already used. Ask your instructor for a new one.</p>
        <p className="switch">
          <Link href="/signin">Sign in</Link>
        </p>
      </main>
    );
  }
  return (
    <main className="auth-page">
      <h1>Set a new password</h1>
      <p className="lede">
        For {reset.name} ({reset.email}). You will be signed out everywhere else.
      </p>
      <ResetPasswordForm token={token} />
    </main>
  );
}
