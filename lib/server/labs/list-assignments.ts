import type { PlatformUser } from "../auth/platform-user";
import { requireClassroomInstructor, requireMembership } from "../classrooms/classroom-access";
import { assignmentView, type AssignmentView } from "./create-assignment";
import type { LabsDeps } from "./labs-deps";

/** A classroom's assignments, soonest due first: for its instructors (and admins) and its learners. */
export async function listAssignments(deps: LabsDeps, actor: PlatformUser, classroomId: string): Promise<AssignmentView[]> {
  // Admins and owners may have no membership row; instructors' access is decided where it always is.
  const teaches = await requireClassroomInstructor(deps.prisma, actor, classroomId).then(
    () => true,
    () => false,
  );
  if (!teaches) await requireMembership(deps.prisma, actor, classroomId);
  const assignments = await deps.prisma.assignment.findMany({ where: { classroomId }, orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }] });
  return assignments.map(assignmentView);
}
