"use client";

import { useCallback, useEffect, useState } from "react";
import type { RealismLevel } from "@/lib/cluster/controllers/runtime/simulation-realism";
import type { ClusterNodeRow } from "@/lib/instructor/cluster-node-row";
import { postJson, unreachableMessage } from "../forms/post-json";
import styles from "./dashboard.module.css";

const phaseText: Record<ClusterNodeRow["phase"], string> = {
  running: "running",
  stopping: "powered off: NotReady once its heartbeats are missed (about 40 s)",
  stopped: "powered off: its pods are evicted after 5 minutes",
  starting: "starting",
};
const dot = { Ready: styles.green, NotReady: styles.red, Unknown: styles.amber };
const realismText: Record<RealismLevel, string> = {
  instant: "Instant: containers start at once",
  realistic: "Realistic: image pulls and starts take a second or two",
  slow: "Slow motion: pulls take 8 s, starts 4 s (watch a rollout step by step)",
};

/**
 * "Cluster drills": the shared cluster's nodes, and Stop / Start for a worker (a powered-off machine: NotReady, then
 * its pods evicted and rescheduled). Re-read every 5 s so the class sees the node go NotReady as it happens.
 */
export function ClusterDrillsPanel() {
  const [nodes, setNodes] = useState<ClusterNodeRow[]>();
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const [realism, setRealism] = useState<RealismLevel>();

  const load = useCallback(async () => {
    try {
      const response = await fetch("/api/cluster/nodes", { cache: "no-store" });
      const body = (await response.json().catch(() => ({}))) as { nodes?: ClusterNodeRow[]; error?: string };
      if (body.nodes) setNodes(body.nodes);
      else setMessage({ text: body.error ?? `The server answered ${response.status}.`, error: true });
    } catch {
      setMessage({ text: unreachableMessage, error: true });
    }
  }, []);

  useEffect(() => {
    void postJson<{ realism: RealismLevel }>("/api/cluster/realism", undefined, { method: "GET" }).then((result) => result.ok && setRealism(result.value.realism));
  }, []);

  const changeRealism = async (level: RealismLevel) => {
    setBusy("realism");
    setMessage(undefined);
    const result = await postJson<{ realism: RealismLevel }>("/api/cluster/realism", { realism: level });
    setBusy(undefined);
    if (!result.ok) return setMessage({ text: result.error, error: true });
    setRealism(result.value.realism);
    setMessage({ text: `The cluster now runs at "${realismText[result.value.realism]}".` });
  };

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 5_000);
    return () => clearInterval(timer);
  }, [load]);

  const power = async (node: ClusterNodeRow, on: boolean) => {
    if (!on && !window.confirm(`Power off ${node.name}? Every classroom on this cluster sees it go NotReady, and pods on it are evicted after 5 minutes.`)) return;
    setBusy(node.name);
    setMessage(undefined);
    const result = await postJson<{ node: ClusterNodeRow }>(`/api/cluster/nodes/${encodeURIComponent(node.name)}/power`, { on });
    setBusy(undefined);
    if (!result.ok) return setMessage({ text: result.error, error: true });
    setNodes((current) => current?.map((n) => (n.name === node.name ? result.value.node : n)));
    setMessage({ text: `${node.name} was powered ${on ? "on" : "off"}.` });
  };

  return (
    <section className="panel" aria-labelledby="drills-heading">
      <h2 id="drills-heading">Cluster drills</h2>
      <p className="note">
        These act on the whole cluster, which every classroom shares: stopping a node affects other classes too. A stopped
        node goes NotReady once its heartbeats are missed, as a machine that lost power would.
      </p>
      <label className="field">
        Realism
        <select value={realism ?? ""} disabled={realism === undefined || busy !== undefined} onChange={(e) => void changeRealism(e.target.value as RealismLevel)}>
          {realism === undefined ? <option value="">Loading…</option> : null}
          {(Object.keys(realismText) as RealismLevel[]).map((level) => (
            <option key={level} value={level}>
              {realismText[level]}
            </option>
          ))}
        </select>
      </label>
      {nodes === undefined ? (
        <p className="muted">Loading nodes…</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Node</th>
              <th>Status</th>
              <th>Drill</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((node) => (
              <tr key={node.name} data-testid={`node-${node.name}`}>
                <td>
                  {node.name}
                  {node.controlPlane ? <span className="muted"> (control plane)</span> : null}
                </td>
                <td>
                  <span className={`${styles.status} ${dot[node.status]}`} aria-hidden="true" />
                  {node.status} <span className="muted">· {phaseText[node.phase]}</span>
                </td>
                <td className="actions">
                  {node.controlPlane ? (
                    <span className="muted">never stopped</span>
                  ) : node.stopped ? (
                    <button type="button" disabled={busy !== undefined} onClick={() => void power(node, true)}>
                      Start
                    </button>
                  ) : (
                    <button type="button" className="danger" disabled={busy !== undefined} onClick={() => void power(node, false)}>
                      Stop
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {message ? (
        <p role={message.error ? "alert" : "status"} className={message.error ? "error" : "note"}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
