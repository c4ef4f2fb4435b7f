"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { postJson } from "./post-json";

/** Joins with an invite code; `code` pre-fills it (an invite link) so the learner only confirms. */
export function JoinClassroomForm({ code = "", label = "Join classroom" }: { code?: string; label?: string }) {
  const router = useRouter();
  const [inviteCode, setInviteCode] = useState(code);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const result = await postJson<{ classroom: { id: string } }>("/api/classrooms/join", { inviteCode });
    setBusy(false);
    if (result.ok) router.push(`/classrooms/${result.value.classroom.id}`);
    else setError(result.error);
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="form">
      <label>
        Invite code
        <input value={inviteCode} onChange={(e) => setInviteCode(e.target.value)} required maxLength={64} autoComplete="off" spellCheck={false} />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? "Joining…" : label}
      </button>
      {error ? <p role="alert" className="error">{error}</p> : null}
    </form>
  );
}
