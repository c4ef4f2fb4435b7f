"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClassroomDashboard, RosterRow } from "@/lib/instructor/dashboard-types";
import { ClassInsightsPanel } from "./class-insights-panel";
import { ProgressHeatmap } from "./progress-heatmap";
import { RosterTable } from "./roster-table";
import styles from "./dashboard.module.css";

/** "connecting", "live", "offline", or the sentence a refused subscribe answered. */
type Live = string;

/**
 * The dashboard as the server rendered it, kept current over `/classroom-live`: each `learner` event replaces that
 * learner's row (roster and heatmap). Insights and idle colours are re-read from the server every minute.
 */
export function ClassroomDashboardView({ initial }: { initial: ClassroomDashboard }) {
  const router = useRouter();
  const classroomId = initial.classroom.id;
  const [rows, setRows] = useState<RosterRow[]>(initial.rows);
  const [live, setLive] = useState<Live>("connecting");
  const [now, setNow] = useState(() => new Date(initial.generatedAt));

  // A fresh render from the server (router.refresh) replaces every row.
  useEffect(() => setRows(initial.rows), [initial]);

  useEffect(() => {
    const socket: Socket = io("/classroom-live", { transports: ["websocket", "polling"] });
    const subscribe = () =>
      socket.emit("subscribe", { classroomId }, (answer: { ok?: true; error?: string }) => setLive(answer.ok ? "live" : (answer.error ?? "offline")));
    socket.on("connect", subscribe);
    socket.on("disconnect", () => setLive("offline"));
    socket.on("unsubscribed", ({ error }: { error: string }) => setLive(error));
    socket.on("learner", ({ classroomId: id, row }: { classroomId: string; row: RosterRow }) => {
      if (id !== classroomId) return;
      setRows((current) => (current.some((r) => r.userId === row.userId) ? current.map((r) => (r.userId === row.userId ? row : r)) : [...current, row]));
    });
    const tick = setInterval(() => setNow(new Date()), 15_000);
    const reload = setInterval(() => router.refresh(), 60_000);
    return () => {
      clearInterval(tick);
      clearInterval(reload);
      socket.close();
    };
  }, [classroomId, router]);

  return (
    <>
      <section className="panel" aria-labelledby="roster-heading">
        <h2 id="roster-heading">
          Learners ({rows.length})
          <span className={styles.live} data-testid="live-state" role="status">
            {live === "live" ? "● live" : live === "connecting" ? "connecting…" : live === "offline" ? "reconnecting…" : live}
          </span>
        </h2>
        {rows.length === 0 ? <p>No learners yet. They join with the invite code.</p> : <RosterTable classroomId={classroomId} rows={rows} now={now} />}
      </section>
      <section className="panel" aria-labelledby="heatmap-heading">
        <h2 id="heatmap-heading">Progress</h2>
        <ProgressHeatmap columns={initial.columns} rows={rows} />
      </section>
      <section className="panel" aria-labelledby="insights-heading">
        <h2 id="insights-heading">Where the class is stuck</h2>
        <ClassInsightsPanel insights={initial.insights} />
      </section>
    </>
  );
}
