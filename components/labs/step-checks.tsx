"use client";

import { useState } from "react";
import { postJson } from "../forms/post-json";

export type CheckOutcome = { passed: boolean; results: { id: string; passed: boolean; message: string }[] };

/** The Check button of one step and what the last check said, check by check. */
export function StepChecks({ labSlug, stepId, onChecked }: { labSlug: string; stepId: string; onChecked: (outcome: CheckOutcome) => void }) {
  const [outcome, setOutcome] = useState<CheckOutcome>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // How many answers came back: lets a test (or a screen reader user) tell a new answer from the previous one.
  const [answers, setAnswers] = useState(0);

  const check = async () => {
    setBusy(true);
    setError(undefined);
    const result = await postJson<CheckOutcome>(`/api/labs/${encodeURIComponent(labSlug)}/steps/${encodeURIComponent(stepId)}/check`, undefined, {
      fallback: "The step could not be checked. Try again in a moment.",
    });
    setBusy(false);
    setAnswers((n) => n + 1);
    if (!result.ok) return setError(result.error);
    setOutcome(result.value);
    onChecked(result.value);
  };

  return (
    <div className="lab-check">
      <button type="button" onClick={() => void check()} disabled={busy}>
        {busy ? "Checking…" : "Check"}
      </button>
      <div aria-live="polite" data-testid="check-results" data-answers={answers}>
        {error ? (
          <p role="alert" className="error">
            {error}
          </p>
        ) : null}
        {outcome ? (
          <>
            <p className={outcome.passed ? "check-pass" : "check-fail"}>{outcome.passed ? "Step passed." : "Not yet: see what is missing below."}</p>
            <ul className="check-list">
              {outcome.results.map((r) => (
                <li key={r.id} className={r.passed ? "check-pass" : "check-fail"} data-testid="check-result">
                  <span aria-hidden="true">{r.passed ? "✓" : "✗"}</span> <span className="visually-hidden">{r.passed ? "Passed:" : "Failed:"}</span> {r.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </div>
  );
}
