import type { LearnerNamespaceSpec } from "@/lib/platform/tenancy/learner-namespace-objects";
import type { PrismaClient } from "../db/generated/prisma/client";

/** The e-mail addresses of a classroom's instructors: the subjects of every learner namespace's `admin` binding. */
export async function instructorEmails(prisma: PrismaClient, classroomId: string): Promise<string[]> {
  const instructors = await prisma.membership.findMany({
    where: { classroomId, role: "INSTRUCTOR" },
    select: { user: { select: { email: true } } },
  });
  return instructors.map((m) => m.user.email);
}

/** What a learner's namespace should hold, from the database as it is now (for a reset or a resumed provisioning). */
export async function learnerNamespaceSpecFor(
  prisma: PrismaClient,
  membership: { namespace: string; classroomId: string; user: { id: string; email: string } },
): Promise<LearnerNamespaceSpec> {
  const classroom = await prisma.classroom.findUniqueOrThrow({ where: { id: membership.classroomId }, select: { slug: true } });
  return {
    namespace: membership.namespace,
    classroomSlug: classroom.slug,
    learner: membership.user,
    instructorEmails: await instructorEmails(prisma, membership.classroomId),
  };
}
