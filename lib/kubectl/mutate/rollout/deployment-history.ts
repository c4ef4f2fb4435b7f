/**
 * A Deployment's history as kubectl reads it: the ReplicaSets it controls, by their
 * deployment.kubernetes.io/revision annotation (kubectl's deploymentutil.GetAllReplicaSets + Revision).
 */
import type { KubeObject } from "../../client/kube-client";
import type { DescribeWriter } from "../../describe/writer";
import { describePodTemplate } from "../../describe/pod-template";

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});

export const revisionAnnotation = "deployment.kubernetes.io/revision";
export const changeCauseAnnotation = "kubernetes.io/change-cause";

/** ReplicaSets whose controller is this Deployment, by revision (later duplicates win, as a Go map fill does). */
export function revisionsOf(deployment: KubeObject, replicaSets: readonly KubeObject[]): Map<number, KubeObject> {
  const owned = replicaSets.filter((rs) =>
    (rs.metadata?.ownerReferences as { uid?: string; controller?: boolean }[] | undefined)?.some((ref) => ref.controller === true && ref.uid === deployment.metadata?.uid),
  );
  const out = new Map<number, KubeObject>();
  for (const rs of owned) {
    const text = (rs.metadata?.annotations)?.[revisionAnnotation] ?? "0";
    const revision = Number(text);
    if (!Number.isInteger(revision)) continue;
    out.set(revision, rs);
  }
  return out;
}

/** `REVISION  CHANGE-CAUSE` table, or kubectl's text when there is none. */
export function historyTable(revisions: Map<number, KubeObject>): string {
  if (revisions.size === 0) return "No rollout history found.";
  const rows = [...revisions.keys()].sort((a, b) => a - b).map((r) => {
    const cause = (rec(revisions.get(r)?.metadata).annotations as Record<string, string> | undefined)?.[changeCauseAnnotation];
    return [String(r), cause ? cause : "<none>"] as const;
  });
  const width = Math.max("REVISION".length, ...rows.map(([r]) => r.length)) + 2;
  return ["REVISION".padEnd(width) + "CHANGE-CAUSE", ...rows.map(([r, c]) => r.padEnd(width) + c)].join("\n") + "\n";
}

/** The pod template of one revision as `rollout history --revision=N` describes it (with its change cause). */
export function describeRevision(rs: KubeObject): string {
  const template = structuredClone(rec(rec(rs.spec).template));
  const cause = (rs.metadata?.annotations)?.[changeCauseAnnotation];
  const meta = rec(template.metadata);
  const annotations = { ...rec(meta.annotations) };
  if (cause) annotations[changeCauseAnnotation] = cause;
  template.metadata = { ...meta, annotations };
  // kubectl prints this through a plain prefix writer: tabs stay tabs, unaligned.
  let text = "";
  const raw = { write: (level: number, line: string) => (text += "  ".repeat(level) + line) };
  describePodTemplate(raw as unknown as DescribeWriter, template);
  return text;
}
