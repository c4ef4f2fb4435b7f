import { InProcessClient } from "../../lib/cluster/api/in-process-client";
import type { ClusterApi } from "../../lib/server/apiserver/cluster-api";
import type { PlatformUser } from "../../lib/server/auth/platform-user";
import { classroomDepsFor } from "../../lib/server/classrooms/classroom-deps";
import { createClassroom } from "../../lib/server/classrooms/create-classroom";
import { joinClassroom } from "../../lib/server/classrooms/join-classroom";
import type { PrismaClient } from "../../lib/server/db/generated/prisma/client";

export type Learner = PlatformUser & { namespace: string };

/**
 * A classroom of `learners` (learner-0001@bench.local, …), each joined as the join route does it, so each has
 * their namespace with its RoleBindings, quota and LimitRange; then `podsPerNamespace` pods in each namespace,
 * created as the platform (no controllers run here, so they stay Pending: `get pods` lists them all the same).
 */
export async function setUpClass(api: ClusterApi, prisma: PrismaClient, options: { learners: number; podsPerNamespace: number; prefix?: string }): Promise<Learner[]> {
  const prefix = options.prefix ?? "learner";
  const deps = classroomDepsFor(api, prisma);
  const teacherRow = await prisma.user.upsert({ where: { email: "teacher@bench.local" }, create: { email: "teacher@bench.local", name: "Teacher", role: "INSTRUCTOR" }, update: {} });
  const teacher: PlatformUser = { id: teacherRow.id, email: teacherRow.email, name: teacherRow.name, role: teacherRow.role };
  const classroom = await createClassroom(deps, teacher, { name: `Terminal bench ${prefix}` });
  const emails = Array.from({ length: options.learners }, (_, i) => `${prefix}-${String(i).padStart(4, "0")}@bench.local`);
  await prisma.user.createMany({ data: emails.map((email) => ({ email, name: email.split("@")[0] ?? email, role: "LEARNER" as const })) });
  const users = await prisma.user.findMany({ where: { email: { in: emails } }, orderBy: { email: "asc" }, select: { id: true, email: true, name: true, role: true } });
  // In waves of 50: the class need not arrive at once here, it only has to exist before the tabs open.
  const learners: Learner[] = [];
  for (let at = 0; at < users.length; at += 50) {
    const wave = users.slice(at, at + 50);
    learners.push(...(await Promise.all(wave.map(async (user) => ({ ...user, namespace: (await joinClassroom(deps, user, { inviteCode: classroom.inviteCode })).namespace })))));
  }
  const pods = learners.flatMap((learner) => Array.from({ length: options.podsPerNamespace }, (_, i) => ({ namespace: learner.namespace, name: `web-${i}` })));
  for (let at = 0; at < pods.length; at += 100) {
    await Promise.all(
      pods.slice(at, at + 100).map(({ namespace, name }) =>
        deps.cluster.create(InProcessClient.path("v1", "pods", namespace), {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name, labels: { app: "web" } },
          spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
        }),
      ),
    );
  }
  return learners;
}
