import { redirect } from "next/navigation";
import { JoinClassroomForm } from "@/components/classrooms/join-classroom-form";
import { currentUser } from "@/lib/server/auth/current-user";
import { prisma } from "@/lib/server/db/prisma";
import { normalizeInviteCode } from "@/lib/platform/tenancy/invite-code";

export const dynamic = "force-dynamic";

/** An invite link: sign up or in first (coming back here), then one click to join. */
export default async function JoinPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const inviteCode = normalizeInviteCode(code.slice(0, 64));
  const user = await currentUser();
  if (!user) redirect(`/signup?callbackUrl=${encodeURIComponent(`/join/${inviteCode}`)}`);
  const classroom = inviteCode ? await prisma().classroom.findUnique({ where: { inviteCode }, select: { name: true } }) : null;
  return (
    <main>
      <h1>{classroom ? `Join ${classroom.name}` : "Join a classroom"}</h1>
      {classroom ? null : <p className="error">No classroom has the invite code {inviteCode || code}. Check it with your instructor.</p>}
      {user.role === "LEARNER" ? (
        <JoinClassroomForm code={classroom ? inviteCode : ""} label={classroom ? `Join ${classroom.name}` : "Join classroom"} />
      ) : (
        <p>Invite codes are for learner accounts. You are signed in as an {user.role.toLowerCase()}.</p>
      )}
    </main>
  );
}
