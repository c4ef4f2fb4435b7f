"use client";

import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { NamespaceGraph } from "@/lib/instructor/namespace-graph";
import { LearnerTimeline } from "./learner-timeline";
import { NamespaceGraphView } from "./namespace-graph-view";
import { ResetNamespaceButton } from "./reset-namespace-button";
import { ShadowTerminal } from "./shadow-terminal";
import styles from "./student-view.module.css";

type Props = { classroomId: string; learnerId: string; learnerName: string; namespace: string };
type WatchAck = { ok: true } | { ok: false; error: string };
type Connection = { kind: "connecting" | "live" | "reconnecting" } | { kind: "refused"; message: string };

/**
 * The student view: one `/watch` socket for the page. The server decides whether this person may watch this
 * learner (the ack says why not); everything shown live comes over that socket.
 */
export function StudentView({ classroomId, learnerId, learnerName, namespace }: Props) {
  const [socket, setSocket] = useState<Socket>();
  const [graph, setGraph] = useState<NamespaceGraph>();
  const [connection, setConnection] = useState<Connection>({ kind: "connecting" });

  useEffect(() => {
    const s: Socket = io("/watch", { transports: ["websocket", "polling"] });
    // Every (re)connect is a new server-side socket: ask again.
    s.on("connect", () => {
      s.emit("watch", { classroomId, learnerId }, (ack: WatchAck) => setConnection(ack.ok ? { kind: "live" } : { kind: "refused", message: ack.error }));
    });
    s.on("graph", (g: NamespaceGraph) => setGraph(g));
    s.on("disconnect", () => setConnection({ kind: "reconnecting" }));
    s.on("connect_error", (error: Error) => {
      if (!s.active) setConnection({ kind: "refused", message: error.message === "unauthorized" ? "Your session has ended: sign in again." : error.message });
      else setConnection({ kind: "reconnecting" });
    });
    setSocket(s);
    return () => {
      s.close();
      setSocket(undefined);
    };
  }, [classroomId, learnerId]);

  return (
    <div className={styles.view}>
      <div className={styles.toolbar}>
        <span className={styles.connection} data-testid="watch-status" data-state={connection.kind} role="status">
          {connection.kind === "live" ? "● Live" : connection.kind === "refused" ? connection.message : connection.kind === "reconnecting" ? "Reconnecting…" : "Connecting…"}
        </span>
        <ResetNamespaceButton classroomId={classroomId} learnerId={learnerId} learnerName={learnerName} namespace={namespace} />
      </div>
      <section className={`panel ${styles.graphPanel}`} aria-labelledby="graph-heading">
        <h2 id="graph-heading">Namespace {namespace}</h2>
        <NamespaceGraphView graph={graph} />
      </section>
      <div className={styles.columns}>
        <section className="panel" aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Timeline</h2>
          <LearnerTimeline classroomId={classroomId} learnerId={learnerId} socket={socket} />
        </section>
        <section className={`panel ${styles.shadowPanel}`} aria-labelledby="shadow-heading">
          <h2 id="shadow-heading">
            Terminal <span className="live">read-only</span>
          </h2>
          <ShadowTerminal socket={socket} />
        </section>
      </div>
    </div>
  );
}
