"use client";

import { useState } from "react";
import type { StepInsight } from "@/lib/instructor/dashboard-types";
import styles from "./dashboard.module.css";

/** Per lab step, the checks that fail for the most learners and what they say. */
export function ClassInsightsPanel({ insights }: { insights: StepInsight[] }) {
  const worst = [...insights].sort((a, b) => (b.checks[0]?.learners ?? 0) - (a.checks[0]?.learners ?? 0))[0];
  const [key, setKey] = useState(worst?.key ?? "");
  if (insights.length === 0) return <p className="muted">No failed checks yet.</p>;
  const step = insights.find((i) => i.key === key) ?? insights[0]!;
  return (
    <div data-testid="insights">
      <label>
        Lab step{" "}
        <select value={step.key} onChange={(e) => setKey(e.target.value)}>
          {insights.map((i) => (
            <option key={i.key} value={i.key}>
              {i.labTitle} › {i.stepTitle}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">{step.learnersTried} learners checked this step.</p>
      <ol className={styles.insight}>
        {step.checks.map((c) => (
          <li key={c.checkId} data-testid="insight-check">
            <code>{c.checkId}</code> failed for <strong>{c.learners}</strong> {c.learners === 1 ? "learner" : "learners"} ({c.failures} failed attempts)
            <ul>
              {c.messages.map((m) => (
                <li key={m.message} className="muted">
                  “{m.message}” — {m.learners}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}
