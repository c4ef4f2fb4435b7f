"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { postJson } from "../forms/post-json";

/** Regrades one submission against the learner's namespace as it is now, then reloads the grade sheet. */
export function RegradeButton({ assignmentId, submissionId, learner }: { assignmentId: string; submissionId: string; learner: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const regrade = async () => {
    setBusy(true);
    setError(undefined);
    const answer = await postJson(`/api/assignments/${assignmentId}/submissions/${submissionId}/regrade`, undefined, { fallback: "The submission could not be regraded." });
    setBusy(false);
    if (answer.ok) router.refresh();
    else setError(answer.error);
  };
  return (
    <span className="actions">
      <button type="button" onClick={() => void regrade()} disabled={busy} aria-label={`Regrade ${learner}`}>
        {busy ? "Regrading…" : "Regrade"}
      </button>
      {error ? (
        <span role="alert" className="error">
          {error}
        </span>
      ) : null}
    </span>
  );
}
