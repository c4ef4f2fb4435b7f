import { instructorsBinding } from "@/lib/platform/tenancy/learner-namespace-objects";
import type { PlatformUser } from "../auth/platform-user";
import { Conflict, Invalid, NotFound } from "../platform-errors";
import type { ClassroomDeps } from "./classroom-deps";
import { requireClassroomOwner } from "./classroom-access";
import { convergeObject, isApiError } from "./converge-object";
import { instructorEmails } from "./learner-namespace-spec";
import { isUniqueViolation } from "./unique-violation";

export type AddInstructorInput = { classroomId: string; email: string };
export type AddedInstructor = { instructor: { id: string; email: string; name: string }; namespacesUpdated: number };

/** Namespaces updated at once: enough to be quick for a class of hundreds without flooding the API. */
const parallel = 8;

/**
 * The owner makes someone with an instructor account a co-instructor: a membership, and `admin` in every learner
 * namespace of the class (each namespace's `instructors-admin` binding is rewritten with the new list). Adding
 * someone who already teaches the class changes nothing.
 */
export async function addInstructor(deps: ClassroomDeps, actor: PlatformUser, input: AddInstructorInput): Promise<AddedInstructor> {
  const classroom = await requireClassroomOwner(deps.prisma, actor, input.classroomId);
  const email = input.email.trim().toLowerCase();
  const user = await deps.prisma.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, role: true } });
  if (!user) throw new NotFound(`No account uses ${email}. They need to sign up first.`);
  if (user.role === "LEARNER") throw new Invalid(`${email} has a learner account. An admin must make it an instructor account first.`);
  const existing = await deps.prisma.membership.findUnique({ where: { userId_classroomId: { userId: user.id, classroomId: classroom.id } } });
  if (existing?.role === "LEARNER") throw new Conflict(`${email} is a learner in this classroom.`);
  if (!existing) {
    await deps.prisma.membership.create({ data: { userId: user.id, classroomId: classroom.id, role: "INSTRUCTOR" } }).catch((error: unknown) => {
      // Added by a concurrent request: the same outcome.
      if (!isUniqueViolation(error)) throw error;
    });
  }
  const namespacesUpdated = await updateInstructorBindings(deps, classroom.id, classroom.slug);
  return { instructor: { id: user.id, email: user.email, name: user.name }, namespacesUpdated };
}

/** Rewrites every learner namespace's `instructors-admin` binding of a classroom with its current instructors. */
export async function updateInstructorBindings(deps: ClassroomDeps, classroomId: string, classroomSlug: string): Promise<number> {
  const emails = await instructorEmails(deps.prisma, classroomId);
  const learners = await deps.prisma.membership.findMany({
    where: { classroomId, role: "LEARNER", namespace: { not: null } },
    select: { namespace: true, user: { select: { id: true, email: true } } },
  });
  let updated = 0;
  let next = 0;
  const work = async () => {
    for (let i = next++; i < learners.length; i = next++) {
      const learner = learners[i]!;
      const binding = instructorsBinding({ namespace: learner.namespace ?? "", classroomSlug, learner: learner.user, instructorEmails: emails });
      try {
        if ((await convergeObject(deps.cluster, binding)) !== "unchanged") updated++;
      } catch (error) {
        // The namespace is being provisioned or deleted: provisioning reads the new list itself; a deleted one needs none.
        if (!isApiError(error, 404) && !isApiError(error, 403)) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, work));
  return updated;
}
