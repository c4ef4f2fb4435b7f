import Link from "next/link";
import { notFound } from "next/navigation";
import { AddInstructorForm } from "@/components/classrooms/add-instructor-form";
import { DownloadKubeconfigButton } from "@/components/classrooms/download-kubeconfig-button";
import { RosterActions } from "@/components/classrooms/roster-actions";
import { ClassroomAssignments } from "@/components/labs/classroom-assignments";
import { pageUser } from "@/lib/server/auth/page-user";
import { classroomRoster } from "@/lib/server/classrooms/classroom-roster";
import { prisma } from "@/lib/server/db/prisma";
import { env } from "@/lib/server/env";

export const dynamic = "force-dynamic";

export default async function ClassroomPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await pageUser(`/classrooms/${id}`);
  const db = prisma();
  // What this person may see is decided by their own membership; an id they are not part of is simply not found.
  const membership = await db.membership.findUnique({ where: { userId_classroomId: { userId: user.id, classroomId: id } }, include: { classroom: true } });
  if (!membership && user.role !== "ADMIN") notFound();

  if (membership?.role === "LEARNER") {
    return (
      <main>
        <h1>{membership.classroom.name}</h1>
        <section className="panel">
          <h2>Your namespace</h2>
          <p>
            Everything you create in this classroom lives in your namespace <code data-testid="my-namespace">{membership.namespace}</code>. You can
            use it from the browser terminal, or from your own laptop with real kubectl:
          </p>
          <DownloadKubeconfigButton classroomId={id} />
          <pre className="code">{`kubectl --kubeconfig ~/Downloads/kubeclass-${membership.namespace ?? "cluster"}.kubeconfig get pods`}</pre>
          <p className="muted">Each download carries a new token that works for {env().KUBECONFIG_TOKEN_DAYS} days; revoke old ones under API tokens.</p>
        </section>
        <ClassroomAssignments user={user} classroomId={id} teaches={false} />
      </main>
    );
  }

  const roster = await classroomRoster({ prisma: db }, user, { classroomId: id });
  const inviteLink = `${env().PUBLIC_URL.replace(/\/$/, "")}/join/${roster.classroom.inviteCode}`;
  const learners = roster.members.filter((m) => m.role === "LEARNER");
  const instructors = roster.members.filter((m) => m.role === "INSTRUCTOR");
  const isOwner = roster.classroom.ownerId === user.id || user.role === "ADMIN";
  return (
    <main className="wide">
      <h1>{roster.classroom.name}</h1>
      <p>
        <Link href={`/classrooms/${id}/dashboard`} data-testid="dashboard-link">Dashboard</Link> · <Link href={`/classrooms/${id}/grades`}>Grades</Link>
      </p>
      <section className="panel">
        <h2>Invite learners</h2>
        <p>
          Invite code <code data-testid="invite-code">{roster.classroom.inviteCode}</code> or link <code data-testid="invite-link">{inviteLink}</code>
        </p>
      </section>
      <ClassroomAssignments user={user} classroomId={id} teaches />
      <section className="panel">
        <h2>Learners ({learners.length})</h2>
        {learners.length === 0 ? <p>No learners yet. They join with the invite code.</p> : null}
        <table className="table">
          <tbody>
            {learners.map((m) => (
              <tr key={m.userId} data-testid="roster-learner">
                <td>{m.name}</td>
                <td className="muted">{m.email}</td>
                <td>
                  <code>{m.namespace}</code>
                </td>
                <td>
                  <Link href={`/classrooms/${id}/learners/${m.userId}`} data-testid="watch-learner" aria-label={`Watch ${m.name}`}>
                    Watch
                  </Link>
                </td>
                <td>
                  <RosterActions classroomId={id} userId={m.userId} name={m.name} namespace={m.namespace ?? ""} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel">
        <h2>Instructors</h2>
        <ul className="list">
          {instructors.map((m) => (
            <li key={m.userId}>
              {m.name} <span className="muted">{m.email}{m.isOwner ? " · owner" : ""}</span>
            </li>
          ))}
        </ul>
        {isOwner ? <AddInstructorForm classroomId={id} /> : null}
      </section>
    </main>
  );
}
