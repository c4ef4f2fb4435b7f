"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { postJson } from "../forms/post-json";

type Submitted = { score: number; maxScore: number; late: boolean };

/** Hands the assignment in: the server grades the learner's namespace as it is now and answers with the score. */
export function SubmitAssignmentButton({ assignmentId, title }: { assignmentId: string; title: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<Submitted>();
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    const answer = await postJson<Submitted>(`/api/assignments/${assignmentId}/submit`, undefined, { fallback: "The assignment could not be submitted. Try again." });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setResult(answer.value);
    router.refresh();
  };
  return (
    <span className="actions">
      <button type="button" onClick={() => void submit()} disabled={busy} aria-label={`Submit ${title}`}>
        {busy ? "Grading…" : "Submit"}
      </button>
      <span aria-live="polite">
        {result ? `Submitted: ${result.score} of ${result.maxScore} points${result.late ? " (late)" : ""}.` : null}
        {error ? (
          <span role="alert" className="error">
            {error}
          </span>
        ) : null}
      </span>
    </span>
  );
}
