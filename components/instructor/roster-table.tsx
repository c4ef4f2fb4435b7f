import Link from "next/link";
import type { RosterRow } from "@/lib/instructor/dashboard-types";
import { timeAgo } from "@/lib/instructor/time-ago";
import styles from "./dashboard.module.css";

function Bar({ ratio, full = false }: { ratio: number; full?: boolean }) {
  return (
    <span className={styles.bar} aria-hidden="true">
      <span className={`${styles.barFill} ${full ? styles.barFull : ""}`} style={{ width: `${Math.min(100, Math.round(ratio * 100))}%` }} />
    </span>
  );
}

/** The roster: one row per learner, status colour first, linking to the student view. */
export function RosterTable({ classroomId, rows, now }: { classroomId: string; rows: RosterRow[]; now: Date }) {
  return (
    <table className="table" data-testid="dashboard-roster">
      <thead>
        <tr>
          <th scope="col">Learner</th>
          <th scope="col">Now on</th>
          <th scope="col">Progress</th>
          <th scope="col">Last activity</th>
          <th scope="col">Failing checks</th>
          <th scope="col">Quota</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.userId} data-testid="dashboard-learner" data-status={row.status.colour} data-user={row.userId}>
            <td>
              <span className={`${styles.status} ${styles[row.status.colour]}`} title={row.status.reason} aria-hidden="true" />
              <Link href={`/classrooms/${classroomId}/learners/${row.userId}`}>{row.name}</Link>
              <div className="muted" data-testid="status-reason">
                <span className="visually-hidden">{row.status.colour}: </span>
                {row.status.reason}
              </div>
            </td>
            <td>{row.current ? `${row.current.labTitle} › ${row.current.stepTitle}` : <span className="muted">—</span>}</td>
            <td>
              <Bar ratio={row.progress.total ? row.progress.passed / row.progress.total : 0} />{" "}
              <span data-testid="progress">
                {row.progress.passed}/{row.progress.total}
              </span>
              {row.assigned.map((a) => (
                <div key={a.labSlug} className="muted">
                  {a.title}: {a.passed}/{a.total}
                </div>
              ))}
            </td>
            <td title={row.lastActivityAt ?? undefined}>{timeAgo(row.lastActivityAt, now)}</td>
            <td>
              {row.failingChecks.length === 0 ? (
                <span className="muted">—</span>
              ) : (
                <ul className={styles.failing}>
                  {row.failingChecks.map((c) => (
                    <li key={c.id}>
                      <code>{c.id}</code> {c.message}
                    </li>
                  ))}
                </ul>
              )}
              {row.failStreak >= 2 ? <div className="muted">{row.failStreak} failed attempts in a row</div> : null}
            </td>
            <td>
              <div className={styles.quota}>
                {row.quota.map((q) => (
                  <span key={q.resource}>
                    <Bar ratio={q.ratio} full={q.ratio >= 1} /> {q.resource} {q.used}/{q.hard}
                  </span>
                ))}
                {row.podProblems.map((p) => (
                  <span key={p} className="error">
                    {p}
                  </span>
                ))}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
