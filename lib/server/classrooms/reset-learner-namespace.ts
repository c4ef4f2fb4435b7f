import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import { groupVersion, type ResourceType } from "@/lib/cluster/api/resources/resource-type";
import { learnerObjectNames } from "@/lib/platform/tenancy/learner-namespace-objects";
import type { PlatformUser } from "../auth/platform-user";
import type { ClassroomDeps } from "./classroom-deps";
import { requireClassroomInstructor } from "./classroom-access";
import { isApiError } from "./converge-object";
import { learnerNamespaceSpecFor } from "./learner-namespace-spec";
import { learnerOfClassroom } from "./learner-of-classroom";
import { ensureLearnerNamespace } from "./provision-learner-namespace";

export type ResetLearnerNamespaceInput = { classroomId: string; userId: string };

/** The platform's objects a reset leaves in place, by resource (the field selector that spares them). */
const kept: Record<string, string[]> = {
  "rbac.authorization.k8s.io/rolebindings": [learnerObjectNames.editBinding, learnerObjectNames.rbacBinding, learnerObjectNames.instructorsBinding],
  "/resourcequotas": [learnerObjectNames.quota],
  "/limitranges": [learnerObjectNames.limitRange],
  "/serviceaccounts": [learnerObjectNames.serviceAccount],
};

/** One version of every namespaced resource that can be deleted as a collection (custom resources included). */
function deletableTypes(types: readonly ResourceType[]): ResourceType[] {
  const byResource = new Map<string, ResourceType>();
  for (const type of types) {
    if (!type.namespaced || !type.verbs.includes("deletecollection")) continue;
    const id = `${type.group}/${type.plural}`;
    if (!byResource.has(id)) byResource.set(id, type);
  }
  return [...byResource.values()];
}

/**
 * An instructor gives a learner a clean slate: every object in their namespace goes (deletecollection of each
 * namespaced kind, as `kubectl delete all,cm,secret,... --all` would, but complete), except the platform's own
 * bindings, quota, LimitRange and `default` ServiceAccount, which are then put back as provisioning made them in
 * case the learner changed them. Pods terminate as they would for any delete.
 */
export async function resetLearnerNamespace(deps: ClassroomDeps, actor: PlatformUser, input: ResetLearnerNamespaceInput): Promise<{ namespace: string }> {
  await requireClassroomInstructor(deps.prisma, actor, input.classroomId);
  const membership = await learnerOfClassroom(deps.prisma, input.classroomId, input.userId);
  const namespace = membership.namespace;
  await Promise.all(
    deletableTypes(deps.resourceTypes()).map(async (type) => {
      const spared = kept[`${type.group}/${type.plural}`];
      const query = spared ? { fieldSelector: spared.map((name) => `metadata.name!=${name}`).join(",") } : undefined;
      try {
        await deps.cluster.delete(InProcessClient.path(groupVersion(type), type.plural, namespace), query ? { query } : {});
      } catch (error) {
        // A custom resource type removed meanwhile, or a namespace already gone: nothing left to delete there.
        if (!isApiError(error, 404)) throw error;
      }
    }),
  );
  await ensureLearnerNamespace(deps.cluster, await learnerNamespaceSpecFor(deps.prisma, membership));
  return { namespace };
}
