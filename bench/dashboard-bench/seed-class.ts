import { InProcessClient } from "../../lib/cluster/api/in-process-client";
import { platformUser as platformIdentity, type ClusterApi } from "../../lib/server/apiserver/cluster-api";
import type { PlatformUser } from "../../lib/server/auth/platform-user";
import { classroomDepsFor } from "../../lib/server/classrooms/classroom-deps";
import { createClassroom } from "../../lib/server/classrooms/create-classroom";
import { joinClassroom } from "../../lib/server/classrooms/join-classroom";
import type { PrismaClient } from "../../lib/server/db/generated/prisma/client";
import type { Lab } from "../../lib/labs/lab-schema";

export type SeededLearner = PlatformUser & { namespace: string };
export type SeededClass = { classroomId: string; teacher: PlatformUser; learners: SeededLearner[]; labs: Lab[] };

/** A deterministic stand-in for randomness, so every run seeds the same class. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * A classroom of `count` learners a few weeks into the course, each joined as the join route does (namespace,
 * bindings, quota, LimitRange through the real platform code), then: progress through the first labs (some steps
 * passed, one in progress), ~25 check attempts with the steps' real check ids (failures with messages), 60 terminal
 * commands, 3 pods (every 7th learner's one stuck in ImagePullBackOff) and submissions of two assignments (some
 * late, some missing). The namespace writes also leave their audit rows, as real use does.
 */
export async function seedClass(api: ClusterApi, prisma: PrismaClient, labs: readonly Lab[], count: number): Promise<SeededClass> {
  const rnd = random(42);
  const deps = classroomDepsFor(api, prisma);
  const platform = new InProcessClient((request) => api.serve(request), platformIdentity);
  const teacherRow = await prisma.user.create({ data: { email: "teacher@dashboard.bench", name: "Teacher", role: "INSTRUCTOR" } });
  const teacher: PlatformUser = { id: teacherRow.id, email: teacherRow.email, name: teacherRow.name, role: "INSTRUCTOR" };
  const classroom = await createClassroom(deps, teacher, { name: "Dashboard bench" });
  const emails = Array.from({ length: count }, (_, i) => `learner-${String(i).padStart(3, "0")}@dashboard.bench`);
  await prisma.user.createMany({ data: emails.map((email) => ({ email, name: email.split("@")[0]!, role: "LEARNER" as const })) });
  const users = await prisma.user.findMany({ where: { email: { in: emails } }, orderBy: { email: "asc" }, select: { id: true, email: true, name: true, role: true } });
  const learners: SeededLearner[] = [];
  for (let at = 0; at < users.length; at += 25) {
    const wave = users.slice(at, at + 25);
    learners.push(...(await Promise.all(wave.map(async (u) => ({ ...u, namespace: (await joinClassroom(deps, u, { inviteCode: classroom.inviteCode })).namespace })))));
  }

  const course = labs.filter((l) => l.steps.some((s) => s.checks.length > 0)).slice(0, 4);
  const now = Date.now();
  const minutesAgo = (m: number) => new Date(now - m * 60_000);
  const assignments = await Promise.all(
    course.slice(0, 2).map((lab, i) =>
      prisma.assignment.create({ data: { classroomId: classroom.id, labSlug: lab.slug, title: lab.title, opensAt: minutesAgo(60 * 24 * 14), dueAt: minutesAgo(i === 0 ? 60 * 24 : -60 * 24), createdById: teacher.id } }),
    ),
  );
  for (const [i, learner] of learners.entries()) {
    const progress: { userId: string; labSlug: string; stepId: string; status: "PASSED" | "IN_PROGRESS"; startedAt: Date; updatedAt: Date }[] = [];
    const attempts: { userId: string; labSlug: string; stepId: string; namespace: string; passed: boolean; results: object[]; createdAt: Date }[] = [];
    // How far this learner got: 0 … all steps of the course's labs.
    const steps = course.flatMap((lab) => lab.steps.map((step) => ({ lab, step })));
    const reached = i % 13 === 0 ? 0 : Math.floor(rnd() * steps.length) + 1;
    let minute = 60 * 24 * 7;
    for (const [k, { lab, step }] of steps.slice(0, reached).entries()) {
      const last = k === reached - 1;
      minute -= 10 + Math.floor(rnd() * 60);
      const at = minutesAgo(last ? rnd() * 20 : minute);
      progress.push({ userId: learner.id, labSlug: lab.slug, stepId: step.id, status: last ? "IN_PROGRESS" : "PASSED", startedAt: at, updatedAt: at });
      const tries = last ? 1 + Math.floor(rnd() * 5) : Math.floor(rnd() * 2);
      for (let t = 0; t < tries; t++) {
        attempts.push({
          userId: learner.id,
          labSlug: lab.slug,
          stepId: step.id,
          namespace: learner.namespace,
          passed: false,
          results: step.checks.map((c, ci) => ({ id: c.id, passed: ci > 0 || rnd() < 0.3, message: ci > 0 ? "ok" : `${c.id}: found ${Math.floor(rnd() * 3)} ready replicas, want 3` })),
          createdAt: new Date(at.getTime() + t * 30_000),
        });
      }
      if (!last) attempts.push({ userId: learner.id, labSlug: lab.slug, stepId: step.id, namespace: learner.namespace, passed: true, results: step.checks.map((c) => ({ id: c.id, passed: true, message: "ok" })), createdAt: new Date(at.getTime() + 120_000) });
    }
    await prisma.labProgress.createMany({ data: progress });
    await prisma.checkAttempt.createMany({ data: attempts });
    await prisma.terminalCommand.createMany({
      data: Array.from({ length: reached === 0 ? 0 : 60 }, (_, k) => ({ userId: learner.id, line: ["kubectl get pods", "kubectl apply -f deploy.yml", "kubectl describe pod web-0", "ls"][k % 4]!, namespace: learner.namespace, exitCode: k % 9 === 0 ? 1 : 0, startedAt: minutesAgo(600 - k * 5) })),
    });
    for (const [a, assignment] of assignments.entries()) {
      if ((i + a) % 5 === 4) continue; // missing
      const late = a === 0 && i % 6 === 1;
      await prisma.submission.create({
        data: { assignmentId: assignment.id, userId: learner.id, namespace: learner.namespace, submittedAt: minutesAgo(late ? 60 : 60 * 30), late, score: Math.floor(rnd() * 10), maxScore: 10, results: [{ stepId: "x", checkId: "y", passed: true, message: "ok" }] },
      });
    }
  }
  // Pods, through the API (and its audit): three per namespace; every 7th learner has one that cannot pull.
  for (let at = 0; at < learners.length; at += 25) {
    await Promise.all(
      learners.slice(at, at + 25).flatMap((learner, j) =>
        [0, 1, 2].map(async (p) => {
          const path = InProcessClient.path("v1", "pods", learner.namespace);
          const pod = await platform.create(path, { apiVersion: "v1", kind: "Pod", metadata: { name: `web-${p}` }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } });
          if (p === 0 && (at + j) % 7 === 3) {
            await platform.update(`${path}/web-0/status`, { ...pod, status: { phase: "Pending", containerStatuses: [{ name: "web", ready: false, restartCount: 0, image: "nginx:1.27", imageID: "", state: { waiting: { reason: "ImagePullBackOff" } } }] } });
          }
        }),
      ),
    );
  }
  return { classroomId: classroom.id, teacher, learners, labs: [...labs] };
}
