"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useJsonForm } from "../classrooms/use-json-form";
import styles from "./dashboard.module.css";

/** "Extra time": one learner's own deadline for one assignment (a local date and time, sent as an instant). */
export function ExtensionForm({ assignmentId, userId, learner, dueAt }: { assignmentId: string; userId: string; learner: string; dueAt: string }) {
  const router = useRouter();
  // datetime-local wants local "YYYY-MM-DDTHH:mm".
  const local = (iso: string) => {
    const d = new Date(iso);
    return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  };
  const [value, setValue] = useState(() => local(dueAt));
  const form = useJsonForm(`/api/assignments/${assignmentId}/extensions`, () => ({ userId, dueAt: new Date(value).toISOString() }), () => router.refresh());
  return (
    <form className={styles.extension} onSubmit={form.onSubmit}>
      <input type="datetime-local" value={value} onChange={(e) => setValue(e.target.value)} aria-label={`New deadline for ${learner}`} required />
      <button type="submit" disabled={form.busy}>
        {form.busy ? "Saving…" : "Extra time"}
      </button>
      {form.error ? (
        <span role="alert" className="error">
          {form.error}
        </span>
      ) : null}
    </form>
  );
}
