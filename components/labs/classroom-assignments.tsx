import Link from "next/link";
import { labCatalog } from "@/lib/labs/lab-catalog";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { labsDeps } from "@/lib/server/labs/labs-deps";
import { listAssignments } from "@/lib/server/labs/list-assignments";
import { CreateAssignmentForm } from "./create-assignment-form";
import { SubmitAssignmentButton } from "./submit-assignment-button";
import "./labs.css";

const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

/** The classroom page's Assignments section: instructors create and open grade sheets, learners submit. */
export async function ClassroomAssignments({ user, classroomId, teaches }: { user: PlatformUser; classroomId: string; teaches: boolean }) {
  const deps = await labsDeps();
  const [assignments, labs] = await Promise.all([listAssignments(deps, user, classroomId), deps.labs()]);
  const titles = new Map(labs.map((lab) => [lab.slug, lab.title]));
  const now = deps.now().getTime();

  if (teaches) {
    const catalog = labCatalog(labs)
      .sort((a, b) => a.chapter.number - b.chapter.number)
      .map((lab) => ({ slug: lab.slug, title: lab.title, chapter: lab.chapter.number }));
    return (
      <section className="panel" aria-labelledby="assignments-heading">
        <h2 id="assignments-heading">Assignments ({assignments.length})</h2>
        {assignments.length === 0 ? <p>No assignments yet. Turn a lab into one below.</p> : null}
        <table className="table">
          <tbody>
            {assignments.map((a) => (
              <tr key={a.id} data-testid="assignment-row">
                <td>
                  <Link href={`/classrooms/${classroomId}/assignments/${a.id}`}>{a.title}</Link>
                </td>
                <td className="muted">{titles.get(a.labSlug) ?? a.labSlug}</td>
                <td className="muted">
                  {when(a.opensAt)} → due {when(a.dueAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>New assignment</h3>
        <CreateAssignmentForm classroomId={classroomId} labs={catalog} />
      </section>
    );
  }

  const latest = await deps.prisma.submission.findMany({
    where: { userId: user.id, assignmentId: { in: assignments.map((a) => a.id) } },
    orderBy: { submittedAt: "desc" },
    select: { assignmentId: true, score: true, maxScore: true, late: true },
  });
  const latestBy = new Map<string, (typeof latest)[number]>();
  for (const s of latest) if (!latestBy.has(s.assignmentId)) latestBy.set(s.assignmentId, s);
  // Extra time an instructor granted this learner: their own deadline is the one to show.
  const extensions = await deps.prisma.assignmentExtension.findMany({ where: { userId: user.id, assignmentId: { in: assignments.map((a) => a.id) } }, select: { assignmentId: true, dueAt: true } });
  const ownDue = new Map(extensions.map((e) => [e.assignmentId, e.dueAt.toISOString()]));
  return (
    <section className="panel" aria-labelledby="assignments-heading">
      <h2 id="assignments-heading">Assignments</h2>
      {assignments.length === 0 ? <p>No assignments yet.</p> : null}
      <table className="table">
        <tbody>
          {assignments.map((a) => {
            const open = new Date(a.opensAt).getTime() <= now;
            const mine = latestBy.get(a.id);
            return (
              <tr key={a.id} data-testid="assignment-row">
                <td>
                  <Link href={`/labs/${a.labSlug}`}>{a.title}</Link>
                </td>
                <td className="muted" data-testid="my-due">
                  {open ? `due ${when(ownDue.get(a.id) ?? a.dueAt)}` : `opens ${when(a.opensAt)}`}
                  {ownDue.has(a.id) ? " (extra time granted)" : null}
                </td>
                <td data-testid="my-score">
                  {mine ? `${mine.score} of ${mine.maxScore} points` : "not submitted"}
                  {mine?.late ? <span className="late"> · late</span> : null}
                </td>
                <td>{open ? <SubmitAssignmentButton assignmentId={a.id} title={a.title} /> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
