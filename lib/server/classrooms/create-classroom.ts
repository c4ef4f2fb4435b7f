import { randomInt } from "node:crypto";
import { classroomSlug, numberedSlug } from "@/lib/platform/tenancy/classroom-slug";
import { newInviteCode } from "@/lib/platform/tenancy/invite-code";
import type { PlatformUser } from "../auth/platform-user";
import { Forbidden, Invalid } from "../platform-errors";
import type { ClassroomDeps } from "./classroom-deps";
import { isUniqueViolation } from "./unique-violation";

export type CreateClassroomInput = { name: string };
export type CreatedClassroom = { id: string; name: string; slug: string; inviteCode: string };

const maxNameLength = 100;

/** A free slug for `name`: the plain one, or the first numbered alternative no classroom uses yet. */
async function freeSlug(deps: Pick<ClassroomDeps, "prisma">, name: string): Promise<string> {
  const base = classroomSlug(name);
  const taken = new Set(
    (await deps.prisma.classroom.findMany({ where: { slug: { startsWith: base.slice(0, 20) } }, select: { slug: true } })).map((c) => c.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(numberedSlug(base, n))) return numberedSlug(base, n);
}

/**
 * An instructor (or admin) opens a classroom: a unique slug from its name, a fresh invite code, and the creator
 * as its owner and first instructor. Learner namespaces come later, one per join.
 */
export async function createClassroom(deps: Pick<ClassroomDeps, "prisma">, actor: PlatformUser, input: CreateClassroomInput): Promise<CreatedClassroom> {
  if (actor.role !== "INSTRUCTOR" && actor.role !== "ADMIN") throw new Forbidden("Only instructors can create classrooms.");
  const name = input.name.trim();
  if (name === "") throw new Invalid("Give the classroom a name.");
  if (name.length > maxNameLength) throw new Invalid(`A classroom name can be at most ${maxNameLength} characters long.`);
  // Two instructors picking the same name at once, or an invite code drawn twice: draw again.
  for (let attempt = 0; ; attempt++) {
    try {
      const created = await deps.prisma.classroom.create({
        data: {
          name,
          slug: await freeSlug(deps, name),
          inviteCode: newInviteCode(randomInt),
          ownerId: actor.id,
          memberships: { create: { userId: actor.id, role: "INSTRUCTOR" } },
        },
      });
      return { id: created.id, name: created.name, slug: created.slug, inviteCode: created.inviteCode };
    } catch (error) {
      if (attempt >= 4 || !isUniqueViolation(error)) throw error;
    }
  }
}
