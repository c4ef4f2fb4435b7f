"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { postJson } from "./post-json";

export function AddInstructorForm({ classroomId }: { classroomId: string }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const result = await postJson(`/api/classrooms/${encodeURIComponent(classroomId)}/instructors`, { email });
    setBusy(false);
    if (result.ok) {
      setEmail("");
      router.refresh();
    } else setError(result.error);
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="form inline">
      <label>
        Add an instructor by e-mail
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required maxLength={254} />
      </label>
      <button type="submit" disabled={busy}>
        Add instructor
      </button>
      {error ? <p role="alert" className="error">{error}</p> : null}
    </form>
  );
}
