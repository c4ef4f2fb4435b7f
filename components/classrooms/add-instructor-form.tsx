"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useJsonForm } from "./use-json-form";

export function AddInstructorForm({ classroomId }: { classroomId: string }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const form = useJsonForm(`/api/classrooms/${encodeURIComponent(classroomId)}/instructors`, () => ({ email }), () => {
    setEmail("");
    router.refresh();
  });
  return (
    <form onSubmit={form.onSubmit} className="form inline">
      <label>
        Add an instructor by e-mail
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required maxLength={254} />
      </label>
      <button type="submit" disabled={form.busy}>
        Add instructor
      </button>
      {form.error ? <p role="alert" className="error">{form.error}</p> : null}
    </form>
  );
}
