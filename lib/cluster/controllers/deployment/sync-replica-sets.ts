import { ApiError } from "../../api/status";
import { resources } from "../runtime/resource-id";
import { deploymentInvolved, updateReplicaSet, type DeploymentPass } from "./deployment-pass";
import { equalIgnoreHash, findNewReplicaSet, findOldReplicaSets } from "./find-replica-sets";
import { computePodTemplateHash, POD_TEMPLATE_HASH_LABEL } from "./pod-template-hash";
import { hasProgressDeadline, setProgressing } from "./progress-conditions";
import { maxRevision, revisionOf, REVISION, setNewReplicaSetAnnotations } from "./revision-annotations";
import { newReplicaSetSize } from "./rollout-math";
import { getCondition, type Condition } from "./status-conditions";
import { asReplicaSet, controllerOf, controllerRef, toKube, type ReplicaSet } from "./workload-objects";

export type ReplicaSets = { newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] };

/**
 * The Deployment's new ReplicaSet (the one running its current template) and all the others, with revisions
 * brought up to date (getAllReplicaSetsAndSyncRevision). With `create`, a missing new ReplicaSet is created.
 */
export async function newAndOldReplicaSets(pass: DeploymentPass, create: boolean): Promise<ReplicaSets> {
  const oldRSs = findOldReplicaSets(pass.d, pass.replicaSets);
  const newRS = await syncNewReplicaSet(pass, oldRSs, create);
  return { newRS, oldRSs: oldRSs.map((rs) => pass.replicaSets.find((r) => r.metadata?.uid === rs.metadata?.uid) ?? rs) };
}

async function syncNewReplicaSet(pass: DeploymentPass, oldRSs: ReplicaSet[], create: boolean): Promise<ReplicaSet | undefined> {
  const { d } = pass;
  const existing = findNewReplicaSet(d, pass.replicaSets);
  const newRevision = maxRevision(oldRSs) + 1;
  if (existing) {
    // A template seen before (a rollback, or an undone change) reuses its ReplicaSet, which takes the next
    // revision and remembers its old one in revision-history.
    const copy = structuredClone(existing);
    const annotationsChanged = setNewReplicaSetAnnotations(d, copy, newRevision, true);
    if (annotationsChanged || (copy.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0)) {
      copy.spec = { ...copy.spec, minReadySeconds: d.spec?.minReadySeconds ?? 0 } as ReplicaSet["spec"];
      if (!d.spec?.minReadySeconds) delete (copy.spec as { minReadySeconds?: number }).minReadySeconds;
      return updateReplicaSet(pass, copy);
    }
    setDeploymentRevision(pass, String(revisionOf(copy)));
    if (hasProgressDeadline(pass) && !getCondition(d.status?.conditions as Condition[] | undefined, "Progressing")) {
      setProgressing(pass, "True", "FoundNewReplicaSet", `Found new replica set "${copy.metadata?.name ?? ""}"`);
    }
    return copy;
  }
  if (!create) return undefined;
  return createNewReplicaSet(pass, oldRSs, newRevision);
}

async function createNewReplicaSet(pass: DeploymentPass, oldRSs: ReplicaSet[], newRevision: number): Promise<ReplicaSet> {
  const { d, ctx } = pass;
  const hash = computePodTemplateHash(d.spec?.template, d.status?.collisionCount);
  const template = structuredClone(d.spec?.template ?? {});
  const labels = { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash };
  template.metadata = { ...template.metadata, labels };
  const selector = structuredClone(d.spec?.selector ?? {});
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const name = `${d.metadata?.name ?? ""}-${hash}`;
  const newRS: ReplicaSet = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, namespace: d.metadata?.namespace ?? "", ownerReferences: [controllerRef(d, "apps/v1", "Deployment")], labels },
    spec: { replicas: 0, ...(d.spec?.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}), selector, template },
  };
  const size = newReplicaSetSize(d, [...oldRSs, newRS], newRS);
  newRS.spec = { ...newRS.spec, replicas: size } as ReplicaSet["spec"];
  setNewReplicaSetAnnotations(d, newRS, newRevision, false);

  let created: ReplicaSet;
  let alreadyExisted = false;
  try {
    created = asReplicaSet(await ctx.client.create(resources.replicasets, d.metadata?.namespace ?? "", toKube(newRS)));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === 409 && error.reason === "AlreadyExists") {
      const found = asReplicaSet(await ctx.client.get(resources.replicasets, d.metadata?.namespace ?? "", name));
      if (controllerOf(found)?.uid !== d.metadata?.uid || !equalIgnoreHash(found.spec?.template, d.spec?.template)) {
        // A different template hashed to the same name: count the collision, which changes the next hash.
        pass.d.status = { ...pass.d.status, collisionCount: (d.status?.collisionCount ?? 0) + 1 };
        throw new CollisionError(error.message, { cause: error });
      }
      created = found;
      alreadyExisted = true;
    } else {
      const message = `Failed to create new replica set "${name}": ${error.message}`;
      if (hasProgressDeadline(pass)) setProgressing(pass, "False", "ReplicaSetCreateError", message);
      await ctx.events.event(deploymentInvolved(d), "Warning", "ReplicaSetCreateError", message);
      throw new CreateFailedError(error.message, { cause: error });
    }
  }
  pass.replicaSets.push(created);
  if (!alreadyExisted && size > 0) {
    await ctx.events.event(deploymentInvolved(d), "Normal", "ScalingReplicaSet", `Scaled up replica set ${name} from 0 to ${size}`);
  }
  setDeploymentRevision(pass, String(newRevision));
  if (!alreadyExisted && hasProgressDeadline(pass)) setProgressing(pass, "True", "NewReplicaSetCreated", `Created new replica set "${name}"`);
  return created;
}

/** The pass saves the status it has (the collision count, the failure condition) and then retries. */
export class CollisionError extends Error {}
export class CreateFailedError extends Error {}

function setDeploymentRevision(pass: DeploymentPass, revision: string): void {
  if (pass.d.metadata?.annotations?.[REVISION] === revision) return;
  pass.d.metadata = { ...pass.d.metadata, annotations: { ...pass.d.metadata?.annotations, [REVISION]: revision } };
}
