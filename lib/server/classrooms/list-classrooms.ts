import type { PlatformUser } from "../auth/platform-user";
import type { ClassroomDeps } from "./classroom-deps";

export type TaughtClassroom = { id: string; name: string; slug: string; inviteCode: string; isOwner: boolean; learners: number };
export type JoinedClassroomSummary = { id: string; name: string; slug: string; namespace: string | null; joinedAt: Date };
export type MyClassrooms = { teaching: TaughtClassroom[]; learning: JoinedClassroomSummary[] };

/** The actor's own classrooms: those they teach (with the invite code and head count) and those they learn in. */
export async function listClassrooms(deps: Pick<ClassroomDeps, "prisma">, actor: PlatformUser): Promise<MyClassrooms> {
  const memberships = await deps.prisma.membership.findMany({
    where: { userId: actor.id },
    orderBy: { joinedAt: "desc" },
    include: {
      classroom: {
        select: { id: true, name: true, slug: true, inviteCode: true, ownerId: true, _count: { select: { memberships: { where: { role: "LEARNER" } } } } },
      },
    },
  });
  const teaching: TaughtClassroom[] = [];
  const learning: JoinedClassroomSummary[] = [];
  for (const m of memberships) {
    const { id, name, slug } = m.classroom;
    if (m.role === "INSTRUCTOR") {
      teaching.push({ id, name, slug, inviteCode: m.classroom.inviteCode, isOwner: m.classroom.ownerId === actor.id, learners: m.classroom._count.memberships });
    } else {
      learning.push({ id, name, slug, namespace: m.namespace, joinedAt: m.joinedAt });
    }
  }
  return { teaching, learning };
}
