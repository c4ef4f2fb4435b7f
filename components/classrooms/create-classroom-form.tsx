"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useJsonForm } from "./use-json-form";

export function CreateClassroomForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const form = useJsonForm<{ id: string }>("/api/classrooms", () => ({ name }), (created) => router.push(`/classrooms/${created.id}`));
  return (
    <form onSubmit={form.onSubmit} className="form">
      <label>
        Classroom name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} placeholder="Kubernetes 101, spring term" />
      </label>
      <button type="submit" disabled={form.busy}>
        {form.busy ? "Creating…" : "Create classroom"}
      </button>
      {form.error ? <p role="alert" className="error">{form.error}</p> : null}
    </form>
  );
}
