import type { OwnerReference } from "kubernetes-types/meta/v1";
import { labelSelectorFromObject, matches, type LabelSelector } from "../../api/selectors/label-selector";
import { ApiError } from "../../api/status";
import type { KubeObject } from "../../store/object-store";
import type { ReconcileContext } from "../runtime/controller";
import type { ResourceId } from "../runtime/resource-id";
import { controllerOf, controllerRef } from "./workload-objects";

export type Owner = { object: KubeObject; resource: ResourceId; apiVersion: string; kind: string };

/**
 * A metav1.LabelSelector as a matcher; undefined for an invalid one (the API refuses those), which controllers
 * skip rather than release everything they own.
 */
export function selectorOf(selector: unknown): LabelSelector | undefined {
  if (selector === undefined || selector === null) return undefined;
  try {
    return labelSelectorFromObject(selector);
  } catch {
    return undefined;
  }
}

const labelsOf = (object: KubeObject) => (object.metadata.labels ?? {}) as Record<string, string>;
const refsOf = (object: KubeObject) => (object.metadata.ownerReferences ?? []) as OwnerReference[];

/**
 * The dependents `owner` controls after claiming, as client-go's ControllerRefManager does: objects it already
 * controls stay while they match its selector and are released (the ownerReference removed) when they no
 * longer do; orphans that match are adopted (a controller reference added), unless the owner is being deleted.
 * Before the first adoption the owner is read live, so a just-deleted owner never adopts.
 */
export async function claimDependents(
  ctx: ReconcileContext,
  owner: Owner,
  selector: LabelSelector,
  dependentResource: ResourceId,
  candidates: KubeObject[],
): Promise<KubeObject[]> {
  const ownerUid = owner.object.metadata.uid;
  const ownerDeleting = Boolean(owner.object.metadata.deletionTimestamp);
  let adoptable: boolean | undefined;
  const claimed: KubeObject[] = [];
  for (const candidate of candidates) {
    const ref = controllerOf(candidate);
    const matching = matches(selector, labelsOf(candidate));
    if (ref) {
      if (ref.uid !== ownerUid) continue;
      if (matching) claimed.push(candidate);
      else if (!ownerDeleting) await patchOwners(ctx, dependentResource, candidate, refsOf(candidate).filter((r) => r.uid !== ownerUid));
      continue;
    }
    if (ownerDeleting || !matching || candidate.metadata.deletionTimestamp) continue;
    adoptable ??= await stillOwnerLive(ctx, owner);
    if (!adoptable) break;
    const adopted = await patchOwners(ctx, dependentResource, candidate, [...refsOf(candidate), controllerRef(owner.object, owner.apiVersion, owner.kind)]);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

/** Rewrites the ownerReferences, preconditioned on the resourceVersion; an object already gone is skipped. */
async function patchOwners(ctx: ReconcileContext, resource: ResourceId, object: KubeObject, refs: OwnerReference[]): Promise<KubeObject | undefined> {
  try {
    return await ctx.client.patch(resource, object.metadata.namespace ?? "", object.metadata.name ?? "", {
      metadata: { ownerReferences: refs.length > 0 ? refs : null, resourceVersion: object.metadata.resourceVersion },
    });
  } catch (error) {
    if (error instanceof ApiError && error.code === 404) return undefined;
    throw error;
  }
}

async function stillOwnerLive(ctx: ReconcileContext, owner: Owner): Promise<boolean> {
  try {
    const live = await ctx.client.get(owner.resource, owner.object.metadata.namespace ?? "", owner.object.metadata.name ?? "");
    return live.metadata.uid === owner.object.metadata.uid && !live.metadata.deletionTimestamp;
  } catch (error) {
    if (error instanceof ApiError && error.code === 404) return false;
    throw error;
  }
}
