import { isEverything, matches } from "../api/selectors/label-selector";
import type { KubeObject } from "../store/object-store";
import { ownKey, ownerKeys, type Cache, type Controller, type ReconcileContext, type ReconcileResult } from "./runtime/controller";
import type { InformerEvent } from "./runtime/informer";
import { keyOf, resources, splitKey } from "./runtime/resource-id";
import { claimDependents, selectorOf } from "./deployment/claim-dependents";
import { deploymentInvolved, latest, saveDeployment, startPass, type DeploymentPass } from "./deployment/deployment-pass";
import { syncDeploymentStatus } from "./deployment/deployment-status";
import { markPausedOrResumed } from "./deployment/progress-conditions";
import { rolloutRecreate } from "./deployment/rollout-recreate";
import { rolloutRolling } from "./deployment/rollout-rolling";
import { isScalingEvent, syncScaleOnly } from "./deployment/scale-deployment";
import { CollisionError, CreateFailedError, newAndOldReplicaSets } from "./deployment/sync-replica-sets";
import { asDeployment, asReplicaSet, controllerOf } from "./deployment/workload-objects";

/**
 * The Deployment controller, as kube-controller-manager runs it: one ReplicaSet per pod template (named
 * `<deployment>-<pod-template-hash>`), revisions in annotations, RollingUpdate within maxSurge/maxUnavailable
 * or Recreate, proportional scaling, pause, rollback by template (kubectl patches the template; the matching old
 * ReplicaSet is reused), history limits, and the status and conditions `kubectl rollout status` waits on.
 */
export const deploymentController: Controller = {
  name: "deployment",
  username: "system:serviceaccount:kube-system:deployment-controller",
  component: "deployment-controller",
  primary: resources.deployments,
  watches: [
    { resource: resources.deployments, keys: ownKey },
    { resource: resources.replicasets, keys: replicaSetEventKeys },
    { resource: resources.pods, keys: podEventKeys },
  ],
  reconcile: syncDeployment,
};

async function syncDeployment(ctx: ReconcileContext, key: string): Promise<ReconcileResult> {
  const { namespace, name } = splitKey(key);
  const cached = ctx.cache.get(resources.deployments, namespace, name);
  if (!cached) return;
  const deployment = asDeployment(cached);
  const selector = selectorOf(deployment.spec?.selector);
  if (!selector) return;
  if (isEverything(selector)) {
    await ctx.events.event(deploymentInvolved(deployment), "Warning", "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.");
    const pass = startPass(ctx, deployment, []);
    if ((deployment.status?.observedGeneration ?? 0) < (deployment.metadata?.generation ?? 0)) {
      pass.d.status = { ...pass.d.status, observedGeneration: deployment.metadata?.generation ?? 0 };
      await saveDeployment(pass);
    }
    return;
  }
  const owner = { object: cached, resource: resources.deployments, apiVersion: "apps/v1", kind: "Deployment" };
  const owned = await claimDependents(ctx, owner, selector, resources.replicasets, ctx.cache.list(resources.replicasets, namespace));
  const pass = startPass(ctx, deployment, owned.map(asReplicaSet));
  try {
    await step(pass);
  } catch (error) {
    // What the failed step learnt (a hash collision counted, a create refused) is kept before the retry.
    if (error instanceof CollisionError || error instanceof CreateFailedError) await saveDeployment(pass);
    throw error;
  }
  await saveDeployment(pass);
  return pass.requeueAfterMs === undefined ? undefined : { requeueAfterMs: pass.requeueAfterMs };
}

async function step(pass: DeploymentPass): Promise<void> {
  if (pass.d.metadata?.deletionTimestamp) {
    const { newRS, oldRSs } = await newAndOldReplicaSets(pass, false);
    return syncDeploymentStatus(pass, [...oldRSs, newRS], newRS && latest(pass, newRS));
  }
  markPausedOrResumed(pass);
  if (pass.d.spec?.paused || (await isScalingEvent(pass))) return syncScaleOnly(pass);
  if (pass.d.spec?.strategy?.type === "Recreate") return rolloutRecreate(pass);
  return rolloutRolling(pass);
}

/** A ReplicaSet change wakes its Deployment, and, for an orphan, every Deployment that may adopt it. */
function replicaSetEventKeys(event: InformerEvent, cache: Cache): string[] {
  const keys = new Set(ownerKeys("Deployment")(event));
  if (!controllerOf(event.object) && event.type !== "DELETED") {
    const labels = (event.object.metadata.labels ?? {}) as Record<string, string>;
    for (const d of cache.list(resources.deployments, event.object.metadata.namespace ?? "")) {
      const selector = selectorOf(asDeployment(d).spec?.selector);
      if (selector && !isEverything(selector) && matches(selector, labels)) keys.add(keyOf(d));
    }
  }
  return [...keys];
}

/** Recreate waits for old pods to be gone: a pod that finished or went away wakes its Deployment. */
function podEventKeys(event: InformerEvent, cache: Cache): string[] {
  const before = event.previous;
  const pod = event.object;
  const phase = (o: KubeObject | undefined) => (o?.status as { phase?: string } | undefined)?.phase;
  const ending = event.type === "DELETED" || phase(pod) !== phase(before) || (pod.metadata.deletionTimestamp && !before?.metadata.deletionTimestamp);
  const rsRef = controllerOf(pod);
  if (!ending || rsRef?.kind !== "ReplicaSet") return [];
  const rs = cache.get(resources.replicasets, pod.metadata.namespace ?? "", rsRef.name);
  const dRef = rs && controllerOf(rs);
  if (!rs || dRef?.kind !== "Deployment") return [];
  const d = cache.get(resources.deployments, rs.metadata.namespace ?? "", dRef.name);
  return d && asDeployment(d).spec?.strategy?.type === "Recreate" ? [keyOf(d)] : [];
}
