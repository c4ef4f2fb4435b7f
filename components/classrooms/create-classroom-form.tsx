"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { postJson } from "./post-json";

export function CreateClassroomForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const result = await postJson<{ id: string }>("/api/classrooms", { name });
    setBusy(false);
    if (result.ok) router.push(`/classrooms/${result.value.id}`);
    else setError(result.error);
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="form">
      <label>
        Classroom name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="Kubernetes 101, spring term" />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? "Creating…" : "Create classroom"}
      </button>
      {error ? <p role="alert" className="error">{error}</p> : null}
    </form>
  );
}
