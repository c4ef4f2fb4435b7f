"use client";

import { useState } from "react";
import { postJson } from "../forms/post-json";
import { Markdown } from "./markdown";

/**
 * Hints revealed one at a time, so a learner takes only as much help as they need. The server hands out each
 * next hint and remembers how many were shown; the page only ever has the ones already revealed.
 */
export function StepHints({ labSlug, stepId, revealed, total }: { labSlug: string; stepId: string; revealed: string[]; total: number }) {
  const [hints, setHints] = useState(revealed);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (total === 0) return null;

  const reveal = async () => {
    setBusy(true);
    setError(undefined);
    const answer = await postJson<{ hints: string[] }>(`/api/labs/${encodeURIComponent(labSlug)}/steps/${encodeURIComponent(stepId)}/hints`, undefined, {
      fallback: "The hint could not be shown. Try again in a moment.",
    });
    setBusy(false);
    if (answer.ok) setHints(answer.value.hints);
    else setError(answer.error);
  };

  return (
    <div className="lab-hints">
      {hints.length > 0 ? (
        <ol className="list" aria-label="Hints">
          {hints.map((hint, i) => (
            <li key={i}>
              <Markdown source={hint} />
            </li>
          ))}
        </ol>
      ) : null}
      {hints.length < total ? (
        <button type="button" className="secondary" onClick={() => void reveal()} disabled={busy}>
          {hints.length === 0 ? "Show a hint" : "Show another hint"} ({total - hints.length} left)
        </button>
      ) : null}
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
