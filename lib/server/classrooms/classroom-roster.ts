import type { PlatformUser } from "../auth/platform-user";
import type { ClassroomDeps } from "./classroom-deps";
import { requireClassroomInstructor } from "./classroom-access";

export type RosterEntry = {
  userId: string;
  email: string;
  name: string;
  role: "INSTRUCTOR" | "LEARNER";
  isOwner: boolean;
  /** The learner's namespace; null for instructors. */
  namespace: string | null;
  joinedAt: Date;
};

export type ClassroomRoster = {
  classroom: { id: string; name: string; slug: string; inviteCode: string; ownerId: string };
  members: RosterEntry[];
};

/** Everyone in a classroom, instructors first, then learners in the order they joined. Instructors and admins only. */
export async function classroomRoster(deps: Pick<ClassroomDeps, "prisma">, actor: PlatformUser, input: { classroomId: string }): Promise<ClassroomRoster> {
  const classroom = await requireClassroomInstructor(deps.prisma, actor, input.classroomId);
  const memberships = await deps.prisma.membership.findMany({
    where: { classroomId: classroom.id },
    include: { user: { select: { id: true, email: true, name: true } } },
    orderBy: [{ role: "asc" }, { joinedAt: "asc" }],
  });
  return {
    classroom: { id: classroom.id, name: classroom.name, slug: classroom.slug, inviteCode: classroom.inviteCode, ownerId: classroom.ownerId },
    members: memberships.map((m) => ({
      userId: m.user.id,
      email: m.user.email,
      name: m.user.name,
      role: m.role,
      isOwner: m.user.id === classroom.ownerId,
      namespace: m.namespace,
      joinedAt: m.joinedAt,
    })),
  };
}
