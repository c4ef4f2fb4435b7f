import Link from "next/link";
import { CreateClassroomForm } from "@/components/classrooms/create-classroom-form";
import { JoinClassroomForm } from "@/components/classrooms/join-classroom-form";
import { pageUser } from "@/lib/server/auth/page-user";
import { listClassrooms } from "@/lib/server/classrooms/list-classrooms";
import { prisma } from "@/lib/server/db/prisma";

export const dynamic = "force-dynamic";

export default async function ClassroomsPage() {
  const user = await pageUser("/classrooms");
  const { teaching, learning } = await listClassrooms({ prisma: prisma() }, user);
  const teaches = user.role === "INSTRUCTOR" || user.role === "ADMIN";
  return (
    <main>
      <h1>Classrooms</h1>
      {teaches ? (
        <section className="panel">
          <h2>Classrooms you teach</h2>
          {teaching.length === 0 ? <p>None yet. Create one and share its invite code with your learners.</p> : null}
          <ul className="list">
            {teaching.map((c) => (
              <li key={c.id}>
                <Link href={`/classrooms/${c.id}`}>{c.name}</Link>{" "}
                <span className="muted">
                  {c.learners} {c.learners === 1 ? "learner" : "learners"} · invite code <code>{c.inviteCode}</code>
                </span>
              </li>
            ))}
          </ul>
          <CreateClassroomForm />
        </section>
      ) : null}
      {user.role === "LEARNER" ? (
        <section className="panel">
          <h2>Your classrooms</h2>
          {learning.length === 0 ? <p>You have not joined a classroom yet. Enter the invite code your instructor gave you.</p> : null}
          <ul className="list">
            {learning.map((c) => (
              <li key={c.id}>
                <Link href={`/classrooms/${c.id}`}>{c.name}</Link> <span className="muted">namespace <code>{c.namespace}</code></span>
              </li>
            ))}
          </ul>
          <JoinClassroomForm />
        </section>
      ) : null}
    </main>
  );
}
