import type { DeploymentStatus } from "kubernetes-types/apps/v1";
import { deepEqual } from "../../api/rest/deep-equal";
import type { ReconcileContext } from "../runtime/controller";
import { resources } from "../runtime/resource-id";
import { maxSurge } from "./rollout-math";
import { replicasAnnotationsNeedUpdate, setReplicasAnnotationsFor } from "./revision-annotations";
import { asDeployment, asReplicaSet, specReplicas, toKube, type Deployment, type ReplicaSet } from "./workload-objects";

/**
 * One reconcile of one Deployment. `d` is a working copy whose annotations and status the steps change in
 * memory (Kubernetes' controller mutates its copy the same way); `save` writes what changed, once, at the end.
 * `replicaSets` always holds the latest version of each ReplicaSet this pass wrote, so two writes to the same
 * ReplicaSet in one pass never conflict with each other.
 */
export type DeploymentPass = {
  ctx: ReconcileContext;
  d: Deployment;
  readonly original: Deployment;
  replicaSets: ReplicaSet[];
  now: Date;
  /** Set when the Progressing deadline needs a look at a later time even if nothing changes. */
  requeueAfterMs?: number;
};

export function startPass(ctx: ReconcileContext, deployment: Deployment, replicaSets: ReplicaSet[]): DeploymentPass {
  return { ctx, d: structuredClone(deployment), original: deployment, replicaSets, now: ctx.clock.now() };
}

export const deploymentInvolved = (d: Deployment) => ({ object: toKube(d), kind: "Deployment", apiVersion: "apps/v1" });

/** The latest copy of `rs` this pass knows. */
export const latest = (pass: DeploymentPass, rs: ReplicaSet): ReplicaSet =>
  pass.replicaSets.find((r) => r.metadata?.uid === rs.metadata?.uid) ?? rs;

/** PUTs a changed ReplicaSet and keeps the stored result as the pass's copy. */
export async function updateReplicaSet(pass: DeploymentPass, rs: ReplicaSet): Promise<ReplicaSet> {
  const stored = asReplicaSet(await pass.ctx.client.update(resources.replicasets, toKube(rs)));
  const index = pass.replicaSets.findIndex((r) => r.metadata?.uid === stored.metadata?.uid);
  if (index >= 0) pass.replicaSets[index] = stored;
  else pass.replicaSets.push(stored);
  return stored;
}

/**
 * Sets a ReplicaSet's size (and the Deployment-size annotations proportional scaling relies on), reporting a
 * real size change as a ScalingReplicaSet event: "Scaled up replica set web-6d4c to 3 from 1".
 */
export async function scaleReplicaSet(pass: DeploymentPass, target: ReplicaSet, size: number, operation?: "up" | "down"): Promise<boolean> {
  const rs = latest(pass, target);
  const from = specReplicas(rs);
  const resize = from !== size;
  if (!resize && !replicasAnnotationsNeedUpdate(rs, specReplicas(pass.d), specReplicas(pass.d) + maxSurge(pass.d))) return false;
  const copy: ReplicaSet = { ...rs, spec: { ...rs.spec, replicas: size } as ReplicaSet["spec"] };
  setReplicasAnnotationsFor(copy, pass.d);
  const stored = await updateReplicaSet(pass, copy);
  if (!resize) return false;
  const direction = operation ?? (from < size ? "up" : "down");
  await pass.ctx.events.event(deploymentInvolved(pass.d), "Normal", "ScalingReplicaSet", `Scaled ${direction} replica set ${stored.metadata?.name ?? ""} to ${size} from ${from}`);
  return true;
}

/** Writes the Deployment's changed annotations (revision) and status, each only if it changed. */
export async function saveDeployment(pass: DeploymentPass): Promise<void> {
  let current = pass.original;
  const annotations = pass.d.metadata?.annotations ?? {};
  if (!deepEqual(annotations, current.metadata?.annotations ?? {})) {
    current = asDeployment(
      await pass.ctx.client.patch(resources.deployments, current.metadata?.namespace ?? "", current.metadata?.name ?? "", {
        metadata: { annotations, resourceVersion: current.metadata?.resourceVersion },
      }),
    );
  }
  const status: DeploymentStatus = pass.d.status ?? {};
  if (!deepEqual(status, current.status ?? {})) await pass.ctx.client.updateStatus(resources.deployments, toKube({ ...current, status }));
}
