import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RegradeButton } from "@/components/labs/regrade-button";
import "@/components/labs/labs.css";
import { pageUser } from "@/lib/server/auth/page-user";
import { assignmentGrades, type AssignmentGrades } from "@/lib/server/labs/assignment-grades";
import { labsDeps } from "@/lib/server/labs/labs-deps";
import { Forbidden, NotFound } from "@/lib/server/platform-errors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Grades · kubeclass" };

const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

export default async function AssignmentGradesPage({ params }: { params: Promise<{ id: string; assignmentId: string }> }) {
  const { id, assignmentId } = await params;
  const user = await pageUser(`/classrooms/${id}/assignments/${assignmentId}`);
  let grades: AssignmentGrades;
  try {
    grades = await assignmentGrades(await labsDeps(), user, assignmentId);
  } catch (error) {
    // Not teaching this classroom looks the same as no such assignment: nothing to see here.
    if (error instanceof NotFound || error instanceof Forbidden) notFound();
    throw error;
  }
  if (grades.assignment.classroomId !== id) notFound();
  const { assignment, learners } = grades;
  return (
    <main className="wide">
      <p className="muted">
        <Link href={`/classrooms/${id}`}>Back to the classroom</Link>
      </p>
      <h1>{assignment.title}</h1>
      <p className="lede">
        Lab <Link href={`/labs/${assignment.labSlug}`}>{assignment.labSlug}</Link> · opens {when(assignment.opensAt)} · due {when(assignment.dueAt)}
      </p>
      <section className="panel grades" aria-labelledby="grades-heading">
        <h2 id="grades-heading">Grades</h2>
        {learners.length === 0 ? <p>No learners in this classroom yet.</p> : null}
        <table className="table" data-testid="grades-table">
          <thead>
            <tr>
              <th scope="col">Learner</th>
              <th scope="col">Score</th>
              <th scope="col">Submitted</th>
              <th scope="col">Details</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {learners.map((l) => {
              const s = l.submission;
              return (
                <tr key={l.userId} data-testid="grade-row">
                  <td>
                    {l.name} <span className="muted">{l.email}</span>
                  </td>
                  <td data-testid="grade-score">{s ? `${s.score} / ${s.maxScore}` : "—"}</td>
                  <td>
                    {s ? when(s.submittedAt) : "not submitted"}
                    {s?.late ? <span className="late"> · late</span> : null}
                    {s?.regradedAt ? <span className="muted"> · regraded {when(s.regradedAt)}</span> : null}
                    {l.submissions > 1 ? <span className="muted"> · {l.submissions} submissions</span> : null}
                  </td>
                  <td>
                    {s ? (
                      <details>
                        <summary>
                          {s.results.filter((r) => r.passed).length} of {s.results.length} checks passed
                        </summary>
                        <ul className="check-list">
                          {s.results.map((r) => (
                            <li key={`${r.stepId}/${r.checkId}`} className={r.passed ? "check-pass" : "check-fail"}>
                              <span aria-hidden="true">{r.passed ? "✓" : "✗"}</span> <span className="visually-hidden">{r.passed ? "Passed:" : "Failed:"}</span>{" "}
                              <code>{r.stepId}</code> {r.message}
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </td>
                  <td>{s ? <RegradeButton assignmentId={assignment.id} submissionId={s.id} learner={l.name} /> : null}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </main>
  );
}
