"use client";

import { useEffect, useState } from "react";
import type { Socket } from "socket.io-client";
import { inWindow, type TimelineEntry } from "@/lib/instructor/timeline-entry";
import styles from "./student-view.module.css";

type Range = "15m" | "1h" | "all" | "custom";
const rangeMinutes: Record<"15m" | "1h", number> = { "15m": 15, "1h": 60 };
const LIMIT = 200;

const time = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour12: false });

function EntryText({ entry }: { entry: TimelineEntry }) {
  switch (entry.kind) {
    case "command":
      return (
        <>
          <code>$ {entry.line}</code>
          {entry.exitCode !== null && entry.exitCode !== 0 ? <span className={styles.bad}> exit {entry.exitCode}</span> : null}
        </>
      );
    case "check":
      return (
        <>
          Check {entry.labSlug} / {entry.stepId}: <span className={entry.passed ? styles.good : styles.bad}>{entry.passed ? "passed" : "not yet"}</span>
          {entry.failed.length > 0 ? <span className="muted"> — {entry.failed.join("; ")}</span> : null}
        </>
      );
    default: {
      const what = `${entry.verb} ${entry.resource}${entry.name ? `/${entry.name}` : ""}${entry.namespace ? ` in ${entry.namespace}` : ""}`;
      const label = entry.kind === "denial" ? "Denied" : entry.kind === "quota" ? "Quota" : null;
      return (
        <>
          {label ? <strong className={styles.bad}>{label}: </strong> : null}
          {what} <span className={entry.code >= 400 ? styles.bad : "muted"}>{entry.code}</span>
          {entry.message ? <span className="muted"> — {entry.message}</span> : null}
        </>
      );
    }
  }
}

/** The learner's timeline: loaded for the chosen window, then kept current from the socket while the window is open-ended. */
export function LearnerTimeline({ classroomId, learnerId, socket }: { classroomId: string; learnerId: string; socket: Socket | undefined }) {
  const [range, setRange] = useState<Range>("1h");
  const [custom, setCustom] = useState<{ from: string; to: string }>({ from: "", to: "" });
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  const [error, setError] = useState<string>();
  const [shown, setShown] = useState<{ from?: Date; to?: Date }>({});

  useEffect(() => {
    const now = Date.now();
    const next: { from?: Date; to?: Date } =
      range === "all" ? {} : range === "custom" ? { ...(custom.from ? { from: new Date(custom.from) } : {}), ...(custom.to ? { to: new Date(custom.to) } : {}) } : { from: new Date(now - rangeMinutes[range] * 60_000) };
    setShown(next);
    const query = new URLSearchParams({ limit: String(LIMIT) });
    if (next.from) query.set("from", next.from.toISOString());
    if (next.to) query.set("to", next.to.toISOString());
    let cancelled = false;
    fetch(`/api/classrooms/${encodeURIComponent(classroomId)}/learners/${encodeURIComponent(learnerId)}/timeline?${query.toString()}`)
      .then(async (response) => {
        const body = (await response.json().catch(() => ({}))) as { entries?: TimelineEntry[]; error?: string };
        if (cancelled) return;
        if (!response.ok || !body.entries) return setError(body.error ?? `The server answered ${response.status}.`);
        setError(undefined);
        // Live entries that arrived while this was loading stay (and are fresher: a command's exit code).
        setEntries((live) => mergeEntries(live.filter((e) => inWindow(e, next)), body.entries ?? []));
      })
      .catch(() => !cancelled && setError("The server could not be reached."));
    return () => {
      cancelled = true;
    };
  }, [classroomId, learnerId, range, custom]);

  useEffect(() => {
    if (!socket) return;
    const onEntry = (entry: TimelineEntry) => {
      if (inWindow(entry, shown)) setEntries((current) => mergeEntries([entry], current));
    };
    socket.on("timeline", onEntry);
    return () => {
      socket.off("timeline", onEntry);
    };
  }, [socket, shown]);

  return (
    <div className={styles.timeline}>
      <div className={styles.filters}>
        <label>
          Show{" "}
          <select value={range} onChange={(e) => setRange(e.target.value as Range)} aria-label="Timeline range" data-testid="timeline-range">
            <option value="15m">last 15 minutes</option>
            <option value="1h">last hour</option>
            <option value="all">everything</option>
            <option value="custom">from – to</option>
          </select>
        </label>
        {range === "custom" ? (
          <>
            <label>
              From <input type="datetime-local" value={custom.from} onChange={(e) => setCustom({ ...custom, from: e.target.value })} />
            </label>
            <label>
              To <input type="datetime-local" value={custom.to} onChange={(e) => setCustom({ ...custom, to: e.target.value })} />
            </label>
          </>
        ) : null}
      </div>
      {error ? <p role="alert" className="error">{error}</p> : null}
      {entries.length === 0 && !error ? <p className="muted">Nothing in this window yet.</p> : null}
      <ol className={styles.entries}>
        {entries.map((entry) => (
          <li key={entry.id} data-testid="timeline-entry" data-kind={entry.kind} className={styles[entry.kind]}>
            <time dateTime={entry.at}>{time(entry.at)}</time> <EntryText entry={entry} />
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Newest first, each fact once (ids are the same whether a fact came from the page load or the socket). */
function mergeEntries(incoming: TimelineEntry[], current: TimelineEntry[]): TimelineEntry[] {
  const byId = new Map<string, TimelineEntry>();
  for (const entry of [...incoming, ...current]) if (!byId.has(entry.id)) byId.set(entry.id, entry);
  return [...byId.values()].sort((a, b) => (a.at === b.at ? a.id.localeCompare(b.id) : a.at < b.at ? 1 : -1)).slice(0, LIMIT);
}
