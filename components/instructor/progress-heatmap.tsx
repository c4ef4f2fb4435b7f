import type { HeatmapColumn, RosterRow } from "@/lib/instructor/dashboard-types";
import styles from "./dashboard.module.css";

const label = { "not-started": "not started", "in-progress": "in progress", passed: "passed", failing: "failing" } as const;

/** Learners × lab steps, one coloured cell each (the status is also in each cell's title and text for readers). */
export function ProgressHeatmap({ columns, rows }: { columns: HeatmapColumn[]; rows: RosterRow[] }) {
  if (columns.length === 0) return <p className="muted">No lab started or assigned yet.</p>;
  return (
    <div className={styles.heatmapWrap}>
      <div className={styles.legend}>
        <span style={{ ["--swatch" as string]: "#1d2a37" }}>not started</span>
        <span style={{ ["--swatch" as string]: "#2f81f7" }}>in progress</span>
        <span style={{ ["--swatch" as string]: "var(--up)" }}>passed</span>
        <span style={{ ["--swatch" as string]: "var(--down)" }}>failing</span>
      </div>
      <table className={styles.heatmap} data-testid="heatmap">
        <thead>
          <tr>
            <th scope="col">Learner</th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={styles.step} title={`${c.labTitle} › ${c.stepTitle}`}>
                {c.stepTitle}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.userId}>
              <th scope="row">{row.name}</th>
              {columns.map((c) => {
                const status = row.cells[c.key] ?? "not-started";
                return (
                  <td key={c.key} className={styles[`cell-${status}`]} title={`${row.name}: ${c.labTitle} › ${c.stepTitle}: ${label[status]}`} data-cell={status}>
                    <span className="visually-hidden">{label[status]}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
