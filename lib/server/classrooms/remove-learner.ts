import type { PlatformUser } from "../auth/platform-user";
import type { ClassroomDeps } from "./classroom-deps";
import { requireClassroomInstructor } from "./classroom-access";
import { isApiError } from "./converge-object";
import { learnerOfClassroom } from "./learner-of-classroom";

export type RemoveLearnerInput = { classroomId: string; userId: string };

/**
 * An instructor takes a learner off the roster: their namespace is deleted (the worker's namespace controller
 * empties it), then their membership. In that order, so a failure part-way leaves the membership to retry with,
 * never a namespace nobody owns. The learner can join again later and starts from an empty namespace.
 */
export async function removeLearner(deps: ClassroomDeps, actor: PlatformUser, input: RemoveLearnerInput): Promise<{ namespace: string }> {
  await requireClassroomInstructor(deps.prisma, actor, input.classroomId);
  const membership = await learnerOfClassroom(deps.prisma, input.classroomId, input.userId);
  try {
    await deps.cluster.delete(`/api/v1/namespaces/${encodeURIComponent(membership.namespace)}`);
  } catch (error) {
    if (!isApiError(error, 404)) throw error;
  }
  // deleteMany: a concurrent removal of the same learner is not an error.
  await deps.prisma.membership.deleteMany({ where: { id: membership.id } });
  return { namespace: membership.namespace };
}
