"use client";

import { useEffect, useState } from "react";
import { io } from "socket.io-client";
import { partLabels, type HealthReport, type PartName } from "@/lib/platform/health-report";

/** The platform's health, rendered on the server and then kept live over socket.io. */
export function HealthPanel({ initial }: { initial: HealthReport }) {
  const [report, setReport] = useState(initial);
  const [live, setLive] = useState(false);

  useEffect(() => {
    const socket = io("/status", { transports: ["websocket", "polling"] });
    socket.on("connect", () => setLive(true));
    socket.on("disconnect", () => setLive(false));
    socket.on("health", (next: HealthReport) => setReport(next));
    return () => {
      socket.close();
    };
  }, []);

  return (
    <section className="panel" aria-labelledby="health-title">
      <h2 id="health-title">
        Platform health: {report.status === "ok" ? "all parts up" : "degraded"}
        <span className="live">{live ? "live" : "connecting…"}</span>
      </h2>
      <ul className="parts">
        {(Object.keys(partLabels) as PartName[]).map((name) => {
          const part = report.parts[name];
          return (
            <li key={name} className="part" data-testid={`health-${name}`} data-status={part.status}>
              <span className="part-name">{partLabels[name]}</span>
              <span className={`badge badge-${part.status}`}>{part.status}</span>
              <span className="detail">{part.detail}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
