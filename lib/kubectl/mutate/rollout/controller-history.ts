import type { KubeObject } from "../../client/kube-client";

/**
 * A StatefulSet's or DaemonSet's history as kubectl reads it: the ControllerRevisions it controls, keyed by
 * their `revision`. Each is shaped like a ReplicaSet for the shared printers: its annotations (change cause)
 * and, as spec.template, the pod template its data patch records.
 */
export function controllerRevisionsOf(owner: KubeObject, revisions: readonly KubeObject[]): Map<number, KubeObject> {
  const out = new Map<number, KubeObject>();
  for (const cr of revisions) {
    const refs = cr.metadata?.ownerReferences as { uid?: string; controller?: boolean }[] | undefined;
    if (!refs?.some((ref) => ref.controller === true && ref.uid === owner.metadata?.uid)) continue;
    const revision = Number((cr as { revision?: unknown }).revision ?? 0);
    if (!Number.isInteger(revision)) continue;
    const data = (cr as { data?: { spec?: { template?: Record<string, unknown> } } }).data;
    const template = { ...(data?.spec?.template ?? {}) };
    delete template.$patch;
    out.set(revision, { ...cr, spec: { template } });
  }
  return out;
}
