"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useJsonForm } from "../classrooms/use-json-form";
import "./labs.css";

/** `datetime-local` wants local time without a zone: "2026-03-01T09:00". */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** An instructor turns a lab into an assignment; times are entered in the browser's zone and sent as instants. */
export function CreateAssignmentForm({ classroomId, labs }: { classroomId: string; labs: { slug: string; title: string; chapter: number }[] }) {
  const router = useRouter();
  const [labSlug, setLabSlug] = useState(labs[0]?.slug ?? "");
  const [title, setTitle] = useState("");
  const [opensAt, setOpensAt] = useState(() => localInput(new Date()));
  const [dueAt, setDueAt] = useState(() => localInput(new Date(Date.now() + 7 * 24 * 3600 * 1000)));
  const form = useJsonForm<{ id: string }>(
    `/api/classrooms/${classroomId}/assignments`,
    () => ({ labSlug, ...(title.trim() ? { title: title.trim() } : {}), opensAt: new Date(opensAt).toISOString(), dueAt: new Date(dueAt).toISOString() }),
    () => {
      setTitle("");
      router.refresh();
    },
  );
  return (
    <form onSubmit={form.onSubmit} className="form" aria-label="New assignment">
      <label>
        Lab
        <select value={labSlug} onChange={(e) => setLabSlug(e.target.value)} required>
          {labs.map((lab) => (
            <option key={lab.slug} value={lab.slug}>
              Chapter {lab.chapter}: {lab.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        Title (optional: the lab&apos;s title otherwise)
        <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
      </label>
      <label>
        Opens
        <input type="datetime-local" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} required />
      </label>
      <label>
        Due
        <input type="datetime-local" value={dueAt} onChange={(e) => setDueAt(e.target.value)} required />
      </label>
      <button type="submit" disabled={form.busy || !labSlug}>
        {form.busy ? "Creating…" : "Create assignment"}
      </button>
      {form.error ? (
        <p role="alert" className="error">
          {form.error}
        </p>
      ) : null}
    </form>
  );
}
