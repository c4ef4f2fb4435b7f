"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { postJson } from "../forms/post-json";

type Props = { classroomId: string; userId: string; name: string; namespace: string };

/** Per-learner actions on the roster: a password reset link, reset the namespace, remove from the class. */
export function RosterActions({ classroomId, userId, name, namespace }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const [link, setLink] = useState<string>();
  const [busy, setBusy] = useState(false);
  const base = `/api/classrooms/${encodeURIComponent(classroomId)}/learners/${encodeURIComponent(userId)}`;

  const act = async (run: () => Promise<void>) => {
    setBusy(true);
    setMessage(undefined);
    await run();
    setBusy(false);
  };
  const resetPassword = () =>
    act(async () => {
      const result = await postJson<{ url: string }>(`/api/users/${encodeURIComponent(userId)}/password-reset`, {});
      if (result.ok) setLink(result.value.url);
      else setMessage({ text: result.error, error: true });
    });
  const resetNamespace = () =>
    act(async () => {
      if (!window.confirm(`Delete everything ${name} created in ${namespace}? Their namespace goes back to how it was when they joined.`)) return;
      const result = await postJson(`${base}/reset`, {});
      setMessage(result.ok ? { text: `${namespace} was reset.` } : { text: result.error, error: true });
    });
  const remove = () =>
    act(async () => {
      if (!window.confirm(`Remove ${name} from this classroom? Their namespace ${namespace} and everything in it is deleted.`)) return;
      const result = await postJson(base, undefined, { method: "DELETE" });
      if (result.ok) router.refresh();
      else setMessage({ text: result.error, error: true });
    });

  return (
    <div className="actions">
      <button type="button" disabled={busy} onClick={() => void resetPassword()} aria-label={`Password reset link for ${name}`}>
        Reset password link
      </button>
      <button type="button" disabled={busy} onClick={() => void resetNamespace()} aria-label={`Reset namespace of ${name}`}>
        Reset namespace
      </button>
      <button type="button" disabled={busy} onClick={() => void remove()} aria-label={`Remove ${name}`} className="danger">
        Remove
      </button>
      {link ? (
        <p className="note">
          Give {name} this one-time link (valid 24 hours): <code data-testid="reset-link">{link}</code>
        </p>
      ) : null}
      {message ? <p role={message.error ? "alert" : "status"} className={message.error ? "error" : "note"}>{message.text}</p> : null}
    </div>
  );
}
