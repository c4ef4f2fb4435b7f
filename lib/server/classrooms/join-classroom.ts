import { normalizeInviteCode } from "@/lib/platform/tenancy/invite-code";
import { learnerNamespaceName } from "@/lib/platform/tenancy/learner-namespace-name";
import type { PlatformUser } from "../auth/platform-user";
import type { Membership } from "../db/generated/prisma/client";
import { Conflict, Forbidden, Invalid, NotFound } from "../platform-errors";
import type { ClassroomDeps } from "./classroom-deps";
import { classroomByInviteCode } from "./classroom-by-invite-code";
import { insertLearnerMembership } from "./learner-membership-inserts";
import { ensureLearnerNamespace, NamespaceTaken } from "./provision-learner-namespace";
import { isUniqueViolation } from "./unique-violation";

export type JoinClassroomInput = { inviteCode: string };
export type JoinedClassroom = {
  classroom: { id: string; name: string; slug: string };
  namespace: string;
  /** The learner was a member already (a second join only completes their namespace, if anything was missing). */
  alreadyMember: boolean;
};

/** Alternative names tried when a namespace name is held by something else (practically never). */
const maxNameAttempts = 5;

/**
 * A learner joins a classroom with its invite code: a LEARNER membership with their namespace's name, then the
 * namespace with everything in it. Joining again is harmless and finishes a provisioning a crash cut short. Only
 * learner accounts join by code; instructors are added by the classroom's owner (add-instructor.ts).
 */
export async function joinClassroom(deps: ClassroomDeps, actor: PlatformUser, input: JoinClassroomInput): Promise<JoinedClassroom> {
  if (actor.role !== "LEARNER") {
    throw new Forbidden("Invite codes are for learner accounts. Instructors are added to a classroom by its owner.");
  }
  const code = normalizeInviteCode(input.inviteCode);
  if (code === "") throw new Invalid("Enter the invite code your instructor gave you.");
  const classroom = await classroomByInviteCode(deps.prisma, code);
  if (!classroom) throw new NotFound(`No classroom has the invite code ${code}. Check it with your instructor.`);
  const { instructorEmails } = classroom;

  let joinedNow = false;
  for (let attempt = 0; attempt < maxNameAttempts; attempt++) {
    const wanted = learnerNamespaceName({ classroomSlug: classroom.slug, email: actor.email, userId: actor.id }, attempt);
    const found = await learnerMembership(deps, actor.id, classroom.id, wanted);
    if (!found) continue;
    const { membership, created } = found;
    joinedNow ||= created;
    if (membership.role !== "LEARNER" || !membership.namespace) {
      throw new Conflict("You already teach this classroom.");
    }
    try {
      const spec = { namespace: membership.namespace, classroomSlug: classroom.slug, learner: { id: actor.id, email: actor.email }, instructorEmails };
      await ensureLearnerNamespace(deps.cluster, spec);
      return { classroom: { id: classroom.id, name: classroom.name, slug: classroom.slug }, namespace: membership.namespace, alreadyMember: !joinedNow };
    } catch (error) {
      if (!(error instanceof NamespaceTaken)) throw error;
      // Someone else's namespace has this name: move the membership to the next name and provision that.
      const next = learnerNamespaceName({ classroomSlug: classroom.slug, email: actor.email, userId: actor.id }, attempt + 1);
      await deps.prisma.membership.update({ where: { id: membership.id }, data: { namespace: next } }).catch((e: unknown) => {
        if (!isUniqueViolation(e)) throw e;
      });
    }
  }
  throw new Conflict("No free namespace name could be found for you in this classroom. Ask your instructor for help.");
}

/**
 * The learner's membership: created with `namespace` (joins arriving together share one insert), or the one they
 * have. A taken key is either a concurrent join of the same learner (read theirs) or `namespace` being held by
 * another membership (undefined: the caller tries the next name).
 */
async function learnerMembership(
  deps: ClassroomDeps,
  userId: string,
  classroomId: string,
  namespace: string,
): Promise<{ membership: Membership; created: boolean } | undefined> {
  const inserted = await insertLearnerMembership(deps.prisma, { userId, classroomId, namespace });
  if (inserted) return { membership: inserted, created: true };
  const existing = await deps.prisma.membership.findUnique({ where: { userId_classroomId: { userId, classroomId } } });
  return existing ? { membership: existing, created: false } : undefined;
}
