"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useJsonForm } from "./use-json-form";

/** Joins with an invite code; `code` pre-fills it (an invite link) so the learner only confirms. */
export function JoinClassroomForm({ code = "", label = "Join classroom" }: { code?: string; label?: string }) {
  const router = useRouter();
  const [inviteCode, setInviteCode] = useState(code);
  const form = useJsonForm<{ classroom: { id: string } }>("/api/classrooms/join", () => ({ inviteCode }), (joined) =>
    router.push(`/classrooms/${joined.classroom.id}`),
  );
  return (
    <form onSubmit={form.onSubmit} className="form">
      <label>
        Invite code
        <input value={inviteCode} onChange={(e) => setInviteCode(e.target.value)} required maxLength={64} autoComplete="off" spellCheck={false} />
      </label>
      <button type="submit" disabled={form.busy}>
        {form.busy ? "Joining…" : label}
      </button>
      {form.error ? <p role="alert" className="error">{form.error}</p> : null}
    </form>
  );
}
