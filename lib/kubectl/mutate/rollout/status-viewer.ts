/**
 * What `kubectl rollout status` prints for one state of a Deployment, DaemonSet or StatefulSet, and whether the
 * rollout is done: kubectl's status viewers, line for line. An error ends the watch.
 */
export type RolloutStatus = { message: string; done: boolean } | { error: string };

type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const num = (v: unknown): number => (typeof v === "number" ? v : 0);
const text = (v: unknown): string => (typeof v === "string" ? v : "");
const optNum = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);

export function rolloutStatus(kind: string, object: unknown, revision: number): RolloutStatus {
  if (kind === "Deployment") return deploymentStatus(rec(object), revision);
  if (kind === "DaemonSet") return daemonSetStatus(rec(object));
  if (kind === "StatefulSet") return statefulSetStatus(rec(object));
  return { error: `no status viewer has been implemented for ${kind}` };
}

function deploymentStatus(d: Obj, revision: number): RolloutStatus {
  const meta = rec(d.metadata);
  const spec = rec(d.spec);
  const status = rec(d.status);
  const name = JSON.stringify(text(meta.name));
  if (revision > 0) {
    const current = Number(rec(meta.annotations)["deployment.kubernetes.io/revision"] ?? "0");
    if (revision !== current) return { error: `desired revision (${revision}) is different from the running revision (${current})` };
  }
  if (num(meta.generation) > num(status.observedGeneration)) return { message: "Waiting for deployment spec update to be observed...\n", done: false };
  const conditions = Array.isArray(status.conditions) ? status.conditions.map(rec) : [];
  if (conditions.some((c) => c.type === "Progressing" && c.reason === "ProgressDeadlineExceeded")) {
    return { error: `deployment ${name} exceeded its progress deadline` };
  }
  const replicas = optNum(spec.replicas);
  const updated = num(status.updatedReplicas);
  if (replicas !== undefined && updated < replicas) {
    return { message: `Waiting for deployment ${name} rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
  }
  if (num(status.replicas) > updated) {
    return { message: `Waiting for deployment ${name} rollout to finish: ${num(status.replicas) - updated} old replicas are pending termination...\n`, done: false };
  }
  if (num(status.availableReplicas) < updated) {
    return { message: `Waiting for deployment ${name} rollout to finish: ${num(status.availableReplicas)} of ${updated} updated replicas are available...\n`, done: false };
  }
  return { message: `deployment ${name} successfully rolled out\n`, done: true };
}

function daemonSetStatus(ds: Obj): RolloutStatus {
  const meta = rec(ds.metadata);
  const status = rec(ds.status);
  const name = JSON.stringify(text(meta.name));
  if (rec(rec(ds.spec).updateStrategy).type !== "RollingUpdate") return { error: "rollout status is only available for RollingUpdate strategy type" };
  if (num(meta.generation) > num(status.observedGeneration)) return { message: "Waiting for daemon set spec update to be observed...\n", done: false };
  const desired = num(status.desiredNumberScheduled);
  if (num(status.updatedNumberScheduled) < desired) {
    return { message: `Waiting for daemon set ${name} rollout to finish: ${num(status.updatedNumberScheduled)} out of ${desired} new pods have been updated...\n`, done: false };
  }
  if (num(status.numberAvailable) < desired) {
    return { message: `Waiting for daemon set ${name} rollout to finish: ${num(status.numberAvailable)} of ${desired} updated pods are available...\n`, done: false };
  }
  return { message: `daemon set ${name} successfully rolled out\n`, done: true };
}

function statefulSetStatus(sts: Obj): RolloutStatus {
  const meta = rec(sts.metadata);
  const spec = rec(sts.spec);
  const status = rec(sts.status);
  const strategy = rec(spec.updateStrategy);
  if (strategy.type !== "RollingUpdate") return { error: "rollout status is only available for RollingUpdate strategy type" };
  if (num(status.observedGeneration) === 0 || num(meta.generation) > num(status.observedGeneration)) {
    return { message: "Waiting for statefulset spec update to be observed...\n", done: false };
  }
  const replicas = optNum(spec.replicas);
  if (replicas !== undefined && num(status.readyReplicas) < replicas) {
    return { message: `Waiting for ${replicas - num(status.readyReplicas)} pods to be ready...\n`, done: false };
  }
  if (strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
    const partition = optNum(rec(strategy.rollingUpdate).partition);
    if (replicas !== undefined && partition !== undefined && num(status.updatedReplicas) < replicas - partition) {
      return { message: `Waiting for partitioned roll out to finish: ${num(status.updatedReplicas)} out of ${replicas - partition} new pods have been updated...\n`, done: false };
    }
    return { message: `partitioned roll out complete: ${num(status.updatedReplicas)} new pods have been updated...\n`, done: true };
  }
  if (status.updateRevision !== status.currentRevision) {
    return { message: `waiting for statefulset rolling update to complete ${num(status.updatedReplicas)} pods at revision ${text(status.updateRevision)}...\n`, done: false };
  }
  return { message: `statefulset rolling update complete ${num(status.currentReplicas)} pods at revision ${text(status.currentRevision)}...\n`, done: true };
}
