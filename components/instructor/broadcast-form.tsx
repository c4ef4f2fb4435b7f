"use client";

import { useState, type FormEvent } from "react";
import { MAX_BROADCAST_CHARS } from "@/lib/instructor/broadcast-notice";
import { postJson } from "../forms/post-json";

type Sent = { sentAt: string; learners: number; terminals: number };

/** "Message to the class": one line shown in every open terminal of the classroom's learners. */
export function BroadcastForm({ classroomId }: { classroomId: string }) {
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ text: string; error?: boolean }>();

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setOutcome(undefined);
    const result = await postJson<Sent>(`/api/classrooms/${encodeURIComponent(classroomId)}/broadcast`, { message });
    setBusy(false);
    if (!result.ok) return setOutcome({ text: result.error, error: true });
    const { terminals } = result.value;
    setMessage("");
    setOutcome({
      text: `Sent at ${new Date(result.value.sentAt).toLocaleTimeString()} to ${terminals} open terminal${terminals === 1 ? "" : "s"}; learners who open one in the next 10 minutes see it too.`,
    });
  };

  return (
    <section className="panel" aria-labelledby="broadcast-heading">
      <h2 id="broadcast-heading">Message to the class</h2>
      <form className="form inline" onSubmit={(e) => void send(e)}>
        <label>
          Shown in yellow in every open terminal of this classroom&apos;s learners
          <input
            name="message"
            value={message}
            maxLength={MAX_BROADCAST_CHARS}
            required
            placeholder="e.g. Stop here: we go through step 3 together."
            onChange={(e) => setMessage(e.target.value)}
          />
        </label>
        <span className="actions">
          <button type="submit" disabled={busy || message.trim() === ""}>
            {busy ? "Sending…" : "Send to terminals"}
          </button>
          {outcome ? (
            <span role={outcome.error ? "alert" : "status"} className={outcome.error ? "error" : "note"}>
              {outcome.text}
            </span>
          ) : null}
        </span>
      </form>
    </section>
  );
}
