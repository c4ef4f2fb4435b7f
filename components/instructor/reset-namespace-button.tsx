"use client";

import { useState } from "react";
import { postJson } from "../forms/post-json";

type Props = { classroomId: string; learnerId: string; learnerName: string; namespace: string };

/** Empties the learner's namespace back to how it was on joining (the roster's route), after a confirmation. */
export function ResetNamespaceButton({ classroomId, learnerId, learnerName, namespace }: Props) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();

  const reset = async () => {
    if (!window.confirm(`Delete everything ${learnerName} created in ${namespace}? Their namespace goes back to how it was when they joined.`)) return;
    setBusy(true);
    setMessage(undefined);
    const result = await postJson(`/api/classrooms/${encodeURIComponent(classroomId)}/learners/${encodeURIComponent(learnerId)}/reset`, {});
    setMessage(result.ok ? { text: `${namespace} was reset.` } : { text: result.error, error: true });
    setBusy(false);
  };

  return (
    <span className="actions">
      <button type="button" className="danger" disabled={busy} onClick={() => void reset()}>
        Reset namespace
      </button>
      {message ? (
        <span role={message.error ? "alert" : "status"} className={message.error ? "error" : "note"}>
          {message.text}
        </span>
      ) : null}
    </span>
  );
}
