"use client";

import { useLayoutEffect, useRef, useState } from "react";
import type { GraphNode, NamespaceGraph } from "@/lib/instructor/namespace-graph";
import styles from "./student-view.module.css";

// Lanes, left to right, so every edge points right: what routes or owns, then what it owns or selects, then Pods,
// then storage.
const lanes: { title: string; kinds: string[] }[] = [
  { title: "Ingresses · Workloads", kinds: ["Ingress", "Deployment", "StatefulSet", "DaemonSet", "Job"] },
  { title: "Services · ReplicaSets", kinds: ["Service", "ReplicaSet"] },
  { title: "EndpointSlices", kinds: ["EndpointSlice"] },
  { title: "Pods", kinds: ["Pod"] },
  { title: "Claims", kinds: ["PersistentVolumeClaim"] },
  { title: "Volumes", kinds: ["PersistentVolume"] },
];

type Line = { key: string; x1: number; y1: number; x2: number; y2: number; relation: string };

function NodeCard({ node, selected, onSelect, refFor }: { node: GraphNode; selected: boolean; onSelect: () => void; refFor: (el: HTMLButtonElement | null) => void }) {
  const warnings = node.events.filter((e) => e.type === "Warning").length;
  const tip = node.events.map((e) => `${e.type} ${e.reason}: ${e.message}${e.count > 1 ? ` (x${e.count})` : ""}`).join("\n");
  return (
    <button
      type="button"
      ref={refFor}
      className={`${styles.node} ${styles[node.health]} ${node.missing ? styles.missing : ""} ${selected ? styles.selected : ""}`}
      data-testid="graph-node"
      data-kind={node.kind}
      data-name={node.name}
      data-health={node.health}
      title={tip || undefined}
      onClick={onSelect}
      aria-pressed={selected}
    >
      <span className={styles.kind}>{node.kind}</span>
      <span className={styles.name}>{node.name}</span>
      <span className={styles.nodeStatus}>
        {node.status}
        {warnings > 0 ? <span className={styles.bad}> · {warnings} warning{warnings > 1 ? "s" : ""}</span> : null}
      </span>
    </button>
  );
}

/** The learner's namespace as lanes of objects joined by lines; a click on an object shows its recent events. */
export function NamespaceGraphView({ graph }: { graph: NamespaceGraph | undefined }) {
  const box = useRef<HTMLDivElement>(null);
  const elements = useRef(new Map<string, HTMLButtonElement>());
  const [lines, setLines] = useState<Line[]>([]);
  const [selected, setSelected] = useState<string>();

  // Lines are drawn between the cards as laid out, and again whenever the layout may have moved.
  useLayoutEffect(() => {
    const container = box.current;
    if (!container || !graph) return;
    const draw = () => {
      const origin = container.getBoundingClientRect();
      const next: Line[] = [];
      for (const edge of graph.edges) {
        const from = elements.current.get(edge.from)?.getBoundingClientRect();
        const to = elements.current.get(edge.to)?.getBoundingClientRect();
        if (!from || !to) continue;
        next.push({
          key: `${edge.from}>${edge.to}`,
          x1: from.right - origin.left,
          y1: from.top + from.height / 2 - origin.top,
          x2: to.left - origin.left,
          y2: to.top + to.height / 2 - origin.top,
          relation: edge.relation,
        });
      }
      setLines(next);
    };
    draw();
    const observer = new ResizeObserver(draw);
    observer.observe(container);
    return () => observer.disconnect();
  }, [graph, selected]);

  if (!graph) return <p className="muted" data-testid="graph-loading">Loading the namespace…</p>;
  const chosen = graph.nodes.find((n) => n.id === selected);
  const used = lanes.filter((lane) => graph.nodes.some((n) => lane.kinds.includes(n.kind)));

  return (
    <div data-testid="namespace-graph">
      {graph.nodes.length === 0 ? <p className="muted">The namespace is empty.</p> : null}
      <div className={styles.graph} ref={box}>
        <svg className={styles.edges} aria-hidden="true">
          {lines.map((l) => (
            <path key={l.key} d={`M ${l.x1} ${l.y1} C ${(l.x1 + l.x2) / 2} ${l.y1}, ${(l.x1 + l.x2) / 2} ${l.y2}, ${l.x2} ${l.y2}`} className={styles[`edge_${l.relation}`]} />
          ))}
        </svg>
        {used.map((lane) => (
          <div key={lane.title} className={styles.lane}>
            <h3>{lane.title}</h3>
            {graph.nodes
              .filter((n) => lane.kinds.includes(n.kind))
              .map((node) => (
                <NodeCard
                  key={node.id}
                  node={node}
                  selected={node.id === selected}
                  onSelect={() => setSelected(node.id === selected ? undefined : node.id)}
                  refFor={(el) => {
                    if (el) elements.current.set(node.id, el);
                    else elements.current.delete(node.id);
                  }}
                />
              ))}
          </div>
        ))}
      </div>
      {chosen ? (
        <div className={styles.details} data-testid="graph-details">
          <strong>
            {chosen.kind} {chosen.name}
          </strong>{" "}
          <span className="muted">{chosen.status}</span>
          {chosen.events.length === 0 ? (
            <p className="muted">No recent events.</p>
          ) : (
            <ul>
              {chosen.events.map((e, i) => (
                <li key={i} className={e.type === "Warning" ? styles.bad : undefined}>
                  {e.at ? new Date(e.at).toLocaleTimeString("en-GB", { hour12: false }) : ""} {e.reason}: {e.message}
                  {e.count > 1 ? ` (x${e.count})` : ""}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
