// `npm run db:seed`: demo data for a fresh install. Safe to run again: every write is an upsert.
//
// DEMO ONLY: every account below has the password "kubeclass". Do not seed a server others can reach.
import { hashPassword } from "../lib/server/auth/password";
import { isConnectionError } from "../lib/server/db/connection-error";
import { disconnectPrisma, prisma } from "../lib/server/db/prisma";
import { env } from "../lib/server/env";
import { unreachableMessage } from "../lib/server/unreachable";

const DEMO_PASSWORD = "kubeclass";

const admin = { email: "admin@kubeclass.local", name: "Platform Admin" };
const instructor = { email: "instructor@kubeclass.local", name: "Demo Instructor" };
const learners = [1, 2, 3].map((n) => ({ email: `learner${n}@kubeclass.local`, name: `Demo Learner ${n}` }));
const classroom = { slug: "demo", name: "Demo classroom", inviteCode: "DEMO-2026" };

async function upsertUser(email: string, name: string, role: "ADMIN" | "INSTRUCTOR" | "LEARNER"): Promise<string> {
  const normalized = email.toLowerCase();
  const existing = await prisma().user.findUnique({ where: { email: normalized }, select: { id: true } });
  // Hash only on first creation: re-seeding must not reset a password someone changed.
  const passwordHash = existing ? undefined : await hashPassword(DEMO_PASSWORD);
  const user = await prisma().user.upsert({
    where: { email: normalized },
    create: { email: normalized, name, role, passwordHash },
    update: { name, role },
    select: { id: true },
  });
  return user.id;
}

async function seed(): Promise<void> {
  await upsertUser(admin.email, admin.name, "ADMIN");
  const ownerId = await upsertUser(instructor.email, instructor.name, "INSTRUCTOR");
  const learnerIds = await Promise.all(learners.map((l) => upsertUser(l.email, l.name, "LEARNER")));

  const { id: classroomId } = await prisma().classroom.upsert({
    where: { slug: classroom.slug },
    create: { ...classroom, ownerId },
    update: { name: classroom.name, inviteCode: classroom.inviteCode, ownerId },
    select: { id: true },
  });

  const members = [
    { userId: ownerId, role: "INSTRUCTOR" as const },
    ...learnerIds.map((userId) => ({ userId, role: "LEARNER" as const })),
  ];
  for (const { userId, role } of members) {
    await prisma().membership.upsert({
      where: { userId_classroomId: { userId, classroomId } },
      create: { userId, classroomId, role },
      update: { role },
    });
  }
  console.log(
    `seeded ${admin.email}, ${instructor.email}, ${learners.length} learners and classroom "${classroom.name}" ` +
      `(invite ${classroom.inviteCode}); demo password: ${DEMO_PASSWORD}`,
  );
}

try {
  await seed();
} catch (error) {
  // Prisma's messages open with a call-site excerpt; the last line is the reason.
  const reason = error instanceof Error ? (error.message.trim().split("\n").pop() ?? "") : String(error);
  console.error(
    isConnectionError(error)
      ? unreachableMessage("Postgres", env().DATABASE_URL, new Error(reason))
      : `db:seed failed: ${reason} (has \`npm run db:migrate\` run?)`,
  );
  process.exitCode = 1;
} finally {
  await disconnectPrisma();
}
