import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExtensionForm } from "@/components/instructor/extension-form";
import styles from "@/components/instructor/dashboard.module.css";
import { RegradeButton } from "@/components/labs/regrade-button";
import "@/components/labs/labs.css";
import { cellTexts, gradeSheetRows, type GradeSheet } from "@/lib/instructor/grade-sheet";
import { pageUser } from "@/lib/server/auth/page-user";
import { classroomGradeSheet } from "@/lib/server/instructor/classroom-grades";
import { instructorDeps } from "@/lib/server/instructor/instructor-deps";
import { Forbidden, NotFound } from "@/lib/server/platform-errors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Grades · kubeclass" };

const when = (iso: string) => new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";

export default async function ClassroomGradesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await pageUser(`/classrooms/${id}/grades`);
  const deps = await instructorDeps();
  let sheet: GradeSheet;
  try {
    sheet = await classroomGradeSheet(deps, user, id);
  } catch (error) {
    if (error instanceof NotFound || error instanceof Forbidden) notFound();
    throw error;
  }
  const now = deps.now();
  // The totals column comes from the same rows the CSV export writes.
  const rows = gradeSheetRows(sheet, now).slice(1);
  return (
    <main className="wide">
      <p className="muted">
        <Link href={`/classrooms/${id}`}>Back to the classroom</Link> · <Link href={`/classrooms/${id}/dashboard`}>Dashboard</Link>
      </p>
      <h1>{sheet.classroom.name}: grades</h1>
      <p>
        <a className="button" href={`/api/classrooms/${id}/grades.csv`} download>
          Download CSV
        </a>
      </p>
      <section className="panel grades" aria-labelledby="grades-heading">
        <h2 id="grades-heading">Assignments × learners</h2>
        {sheet.assignments.length === 0 ? <p>No assignments yet.</p> : null}
        {sheet.learners.length === 0 ? <p>No learners yet.</p> : null}
        <div style={{ overflowX: "auto" }}>
          <table className="table" data-testid="classroom-grades">
            <thead>
              <tr>
                <th scope="col">Learner</th>
                {sheet.assignments.map((a) => (
                  <th key={a.id} scope="col">
                    <Link href={`/classrooms/${id}/assignments/${a.id}`}>{a.title}</Link>
                    <div className="muted">due {when(a.dueAt)}</div>
                  </th>
                ))}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {sheet.learners.map((learner, r) => {
                const row = rows[r]!;
                return (
                  <tr key={learner.userId} data-testid="classroom-grade-row">
                    <td>
                      {learner.name} <div className="muted">{learner.email}</div>
                    </td>
                    {sheet.assignments.map((a, i) => {
                      const cell = learner.cells[i]!;
                      const [score, max, status] = cellTexts(a, cell, now);
                      const s = cell.submission;
                      return (
                        <td key={a.id} className={styles.gradeCell} data-testid="grade-cell" data-status={status}>
                          {s ? `${score} / ${max}` : "—"} <span className={status === "late" || status === "missing" ? "late" : "muted"}>{status}</span>
                          {cell.extended ? <div className="muted">own deadline {when(cell.dueAt)}</div> : null}
                          {s ? (
                            <details>
                              <summary>
                                {s.results.filter((c) => c.passed).length} of {s.results.length} checks passed
                                {cell.submissions > 1 ? ` · ${cell.submissions} submissions` : ""}
                              </summary>
                              <ul className="check-list">
                                {s.results.map((c) => (
                                  <li key={`${c.stepId}/${c.checkId}`} className={c.passed ? "check-pass" : "check-fail"}>
                                    <span aria-hidden="true">{c.passed ? "✓" : "✗"}</span> <span className="visually-hidden">{c.passed ? "Passed:" : "Failed:"}</span>{" "}
                                    <code>{c.stepId}</code> {c.message}
                                  </li>
                                ))}
                              </ul>
                              <p className="muted">
                                Submitted {when(s.submittedAt)}
                                {s.regradedAt ? ` · regraded ${when(s.regradedAt)}` : ""}
                              </p>
                              <RegradeButton assignmentId={a.id} submissionId={s.id} learner={learner.name} />
                            </details>
                          ) : null}
                          <ExtensionForm assignmentId={a.id} userId={learner.userId} learner={learner.name} dueAt={cell.dueAt} />
                        </td>
                      );
                    })}
                    <td data-testid="grade-total">
                      {row.at(-2)} / {row.at(-1)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}
