import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { StudentView } from "@/components/instructor/student-view";
import { pageUser } from "@/lib/server/auth/page-user";
import { prisma } from "@/lib/server/db/prisma";
import { requireWatchableLearner, type WatchableLearner } from "@/lib/server/instructor/watchable-learner";
import { Forbidden, NotFound } from "@/lib/server/platform-errors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Student view · kubeclass" };

/** An instructor watches one learner live: their namespace as a graph, their timeline, their terminal (read-only). */
export default async function StudentViewPage({ params }: { params: Promise<{ id: string; learnerId: string }> }) {
  const { id, learnerId } = await params;
  const user = await pageUser(`/classrooms/${id}/learners/${learnerId}`);
  let watchable: WatchableLearner;
  try {
    watchable = await requireWatchableLearner(prisma(), user, id, learnerId);
  } catch (error) {
    // Not teaching this classroom looks the same as no such learner: nothing to see here.
    if (error instanceof NotFound || error instanceof Forbidden) notFound();
    throw error;
  }
  const { classroom, learner } = watchable;
  return (
    <main className="wide">
      <p className="muted">
        <Link href={`/classrooms/${id}`}>Back to {classroom.name}</Link>
      </p>
      <h1 data-testid="student-name">{learner.name}</h1>
      <p className="lede">
        {learner.email} · namespace <code data-testid="student-namespace">{learner.namespace}</code>
      </p>
      <StudentView classroomId={id} learnerId={learner.userId} learnerName={learner.name} namespace={learner.namespace} />
    </main>
  );
}
