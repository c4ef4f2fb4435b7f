import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { classroomDepsFor } from "@/lib/server/classrooms/classroom-deps";
import { createClassroom, type CreatedClassroom } from "@/lib/server/classrooms/create-classroom";
import { joinClassroom } from "@/lib/server/classrooms/join-classroom";
import type { PrismaClient } from "@/lib/server/db/generated/prisma/client";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { Forbidden, Invalid, NotFound } from "@/lib/server/platform-errors";
import { assignmentGrades } from "@/lib/server/labs/assignment-grades";
import { checkStep } from "@/lib/server/labs/check-step";
import { createAssignment } from "@/lib/server/labs/create-assignment";
import { labProgress } from "@/lib/server/labs/lab-progress";
import { labsDepsFor, type LabsDeps } from "@/lib/server/labs/labs-deps";
import type * as LabsDepsModule from "@/lib/server/labs/labs-deps";
import { listAssignments } from "@/lib/server/labs/list-assignments";
import { regradeSubmission } from "@/lib/server/labs/regrade-submission";
import { submitAssignment } from "@/lib/server/labs/submit-assignment";
import { startTestApiServer, type TestApiServer } from "../../support/api-server";
import { clusterAs, failure, platformUser } from "../classrooms/classroom-support";

// The routes take the user from the session and their deps from the process; here both are this test's.
const session: { user?: PlatformUser } = {};
const shared: { deps?: LabsDeps } = {};
vi.mock("@/lib/server/auth/current-user", () => ({
  requireUser: () => {
    if (!session.user) throw Object.assign(new Error("Sign in first."), { name: "Unauthenticated" });
    return Promise.resolve(session.user);
  },
}));
vi.mock("@/lib/server/labs/labs-deps", async (original) => ({
  ...(await original<typeof LabsDepsModule>()),
  labsDeps: () => Promise.resolve(shared.deps!),
}));
const { POST: submitRoute } = await import("@/app/api/assignments/[id]/submit/route");
const { POST: checkRoute } = await import("@/app/api/labs/[slug]/steps/[stepId]/check/route");

// A tiny lab of its own (so these tests do not depend on the real labs): one ConfigMap with a given value.
const labYaml = `
slug: answer-lab
title: The answer
chapter: { number: 99, name: Testing }
summary: Create a ConfigMap.
objectives: [Create a ConfigMap]
estimatedMinutes: 1
steps:
  - id: answer
    title: Store the answer
    instructions: Create ConfigMap answer with value 42.
    checks:
      - id: answer-exists
        type: objectExists
        kind: ConfigMap
        name: answer
        fields: { data.value: "42" }
        points: 2
`;

let server: TestApiServer;
let prisma: PrismaClient;
let deps: LabsDeps;
let labsDir: string;
let clock = new Date("2030-01-10T12:00:00Z");
let owner: PlatformUser;
let stranger: PlatformUser;
let jane: PlatformUser;
let joe: PlatformUser;
let k8s: CreatedClassroom;
let janeNs: string;
let joeNs: string;

const configMap = (value: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "answer" }, data: { value } });
const cmPath = (ns: string, name?: string) => InProcessClient.path("v1", "configmaps", ns, name);
const post = (body: unknown) => new Request("http://localhost/x", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  server = await startTestApiServer();
  prisma = createPrismaClient(server.databaseUrl);
  labsDir = mkdtempSync(join(tmpdir(), "kubeclass-labs-"));
  mkdirSync(join(labsDir, "99-answer"));
  writeFileSync(join(labsDir, "99-answer", "lab.yaml"), labYaml);
  deps = labsDepsFor(server.running.api, prisma, labsDir, () => clock);
  shared.deps = deps;
  const classrooms = classroomDepsFor(server.running.api, prisma);
  owner = await platformUser(prisma, "owner@labs.test", "INSTRUCTOR");
  stranger = await platformUser(prisma, "stranger@labs.test", "INSTRUCTOR");
  jane = await platformUser(prisma, "jane@labs.test", "LEARNER");
  joe = await platformUser(prisma, "joe@labs.test", "LEARNER");
  k8s = await createClassroom(classrooms, owner, { name: "Labs 101" });
  await createClassroom(classrooms, stranger, { name: "Other class" });
  janeNs = (await joinClassroom(classrooms, jane, { inviteCode: k8s.inviteCode })).namespace;
  joeNs = (await joinClassroom(classrooms, joe, { inviteCode: k8s.inviteCode })).namespace;
});

afterAll(async () => {
  await prisma?.$disconnect();
  await server?.stop();
  if (labsDir) rmSync(labsDir, { recursive: true, force: true });
});

describe("checking a step", () => {
  it("fails with what it found, and cannot be passed from another namespace", async () => {
    const first = await checkStep(deps, jane, { labSlug: "answer-lab", stepId: "answer" });
    expect(first.passed).toBe(false);
    expect(first.results[0]?.message).toMatch(/answer/);
    // A classmate's ConfigMap does not count for Jane...
    await clusterAs(server.running.api, joe).create(cmPath(joeNs), configMap("42"));
    expect((await checkStep(deps, jane, { labSlug: "answer-lab", stepId: "answer" })).passed).toBe(false);
    // ...she cannot write into his namespace, nor make a namespace of her own outside her prefix.
    expect((await failure(clusterAs(server.running.api, jane).create(cmPath(joeNs), { ...configMap("42"), metadata: { name: "other" } })))?.code).toBe(403);
    const made = await failure(clusterAs(server.running.api, jane).create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "answer-space" } }));
    expect(made?.code).toBe(403);
    expect(await prisma.labProgress.findUnique({ where: { userId_labSlug_stepId: { userId: jane.id, labSlug: "answer-lab", stepId: "answer" } } })).toMatchObject({ status: "IN_PROGRESS" });
  });

  it("passes from her own namespace, records the attempt and the progress", async () => {
    await clusterAs(server.running.api, jane).create(cmPath(janeNs), configMap("41"));
    expect((await checkStep(deps, jane, { labSlug: "answer-lab", stepId: "answer" })).passed).toBe(false);
    await clusterAs(server.running.api, jane).patch(cmPath(janeNs, "answer"), { data: { value: "42" } });
    const result = await checkStep(deps, jane, { labSlug: "answer-lab", stepId: "answer" });
    expect(result).toMatchObject({ passed: true, score: 2, maxScore: 2 });
    const attempts = await prisma.checkAttempt.findMany({ where: { userId: jane.id }, orderBy: { createdAt: "asc" } });
    expect(attempts.map((a) => a.passed)).toEqual([false, false, false, true]);
    expect(attempts.every((a) => a.namespace === janeNs)).toBe(true);
    const progress = await labProgress(deps, jane, "answer-lab");
    expect(progress.steps).toMatchObject([{ stepId: "answer", title: "Store the answer", status: "PASSED", hintsShown: 0, hints: [], hintsTotal: 0 }]);
  });

  it("answers unknown labs and steps, and non-learners, with a sentence", async () => {
    expect(await failure(checkStep(deps, jane, { labSlug: "nope", stepId: "answer" }))).toBeInstanceOf(NotFound);
    expect(await failure(checkStep(deps, jane, { labSlug: "answer-lab", stepId: "nope" }))).toBeInstanceOf(NotFound);
    expect(await failure(checkStep(deps, stranger, { labSlug: "answer-lab", stepId: "answer" }))).toBeInstanceOf(Forbidden);
  });

  it("the check route ignores any results in the body", async () => {
    session.user = joe;
    await clusterAs(server.running.api, joe).delete(cmPath(joeNs, "answer"));
    const response = await checkRoute(post({ passed: true, results: [{ id: "answer-exists", passed: true, message: "ok" }] }), { params: Promise.resolve({ slug: "answer-lab", stepId: "answer" }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ passed: false, score: 0 });
  });
});

describe("assignments", () => {
  const window = { opensAt: new Date("2030-01-11T00:00:00Z"), dueAt: new Date("2030-01-12T00:00:00Z") };
  let assignmentId: string;

  it("only the classroom's instructors create them, for a lab that exists, opening before due", async () => {
    expect(await failure(createAssignment(deps, jane, k8s.id, { labSlug: "answer-lab", ...window }))).toBeInstanceOf(Forbidden);
    expect(await failure(createAssignment(deps, stranger, k8s.id, { labSlug: "answer-lab", ...window }))).toBeInstanceOf(Forbidden);
    expect(await failure(createAssignment(deps, owner, k8s.id, { labSlug: "missing", ...window }))).toBeInstanceOf(NotFound);
    expect(await failure(createAssignment(deps, owner, k8s.id, { labSlug: "answer-lab", opensAt: window.dueAt, dueAt: window.opensAt }))).toBeInstanceOf(Invalid);
    const created = await createAssignment(deps, owner, k8s.id, { labSlug: "answer-lab", ...window });
    expect(created).toMatchObject({ title: "The answer", labSlug: "answer-lab", dueAt: window.dueAt.toISOString() });
    assignmentId = created.id;
    expect((await listAssignments(deps, jane, k8s.id)).map((a) => a.id)).toEqual([assignmentId]);
    expect(await failure(listAssignments(deps, stranger, k8s.id))).toBeInstanceOf(NotFound);
  });

  it("cannot be submitted before they open", async () => {
    const refused = await failure(submitAssignment(deps, jane, assignmentId));
    expect(refused).toBeInstanceOf(Forbidden);
    expect(refused?.message).toMatch(/opens at 2030-01-11/);
  });

  it("grades on the server from the submitter's own namespace, ignoring forged bodies", async () => {
    clock = new Date("2030-01-11T10:00:00Z");
    session.user = joe;
    // Joe claims full marks, and claims to submit for Jane: both are ignored.
    const forged = { score: 2, maxScore: 2, results: [{ stepId: "answer", checkId: "answer-exists", passed: true }], userId: jane.id, namespace: janeNs };
    const response = await submitRoute(post(forged), { params: Promise.resolve({ id: assignmentId }) });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ score: 0, maxScore: 2, late: false, results: [{ stepId: "answer", checkId: "answer-exists", passed: false }] });
    const stored = await prisma.submission.findMany({ where: { assignmentId } });
    expect(stored.map((s) => [s.userId, s.namespace, s.score])).toEqual([[joe.id, joeNs, 0]]);
  });

  it("marks late submissions and shows the grade sheet to instructors only", async () => {
    clock = new Date("2030-01-13T00:00:00Z");
    expect(await submitAssignment(deps, jane, assignmentId)).toMatchObject({ score: 2, late: true });
    const grades = await assignmentGrades(deps, owner, assignmentId);
    expect(grades.learners.map((l) => [l.email, l.submission?.score ?? null, l.submission?.late ?? null])).toEqual([
      [jane.email, 2, true],
      [joe.email, 0, false],
    ]);
    expect(await failure(assignmentGrades(deps, jane, assignmentId))).toBeInstanceOf(Forbidden);
    expect(await failure(assignmentGrades(deps, stranger, assignmentId))).toBeInstanceOf(Forbidden);
  });

  it("lets instructors, and only them, regrade against the namespace as it is now", async () => {
    const joes = await prisma.submission.findFirstOrThrow({ where: { assignmentId, userId: joe.id } });
    expect(await failure(regradeSubmission(deps, joe, { assignmentId, submissionId: joes.id }))).toBeInstanceOf(Forbidden);
    expect(await failure(regradeSubmission(deps, stranger, { assignmentId, submissionId: joes.id }))).toBeInstanceOf(Forbidden);
    await clusterAs(server.running.api, joe).create(cmPath(joeNs), configMap("42"));
    const regraded = await regradeSubmission(deps, owner, { assignmentId, submissionId: joes.id });
    expect(regraded).toMatchObject({ score: 2, late: false, regradedAt: clock.toISOString() });
  });
});

describe("the checker's view of a namespace", () => {
  it("answers can-i for users and service accounts in the learner's namespace, and reads their commands", async () => {
    const { labClusterFor } = await import("@/lib/server/labs/lab-cluster-for");
    const view = labClusterFor(server.running.api, prisma, { userId: jane.id, namespace: janeNs }, () => clock);
    expect(await view.canI({ user: jane.email }, { verb: "create", resource: "deployments", apiGroup: "apps" })).toBe(true);
    expect(await view.canI({ user: joe.email }, { verb: "create", resource: "deployments", apiGroup: "apps" })).toBe(false);
    expect(await view.canI({ serviceAccount: "default" }, { verb: "list", resource: "secrets" })).toBe(false);
    // Cluster-scoped kinds are outside the namespace, so outside what a check sees.
    expect(await view.list("v1", "Namespace")).toEqual([]);
    expect((await view.list("v1", "ConfigMap")).map((o) => o.metadata?.name)).toContain("answer");
    await prisma.terminalCommand.createMany({
      data: [
        { userId: jane.id, line: "kubectl get cm", startedAt: new Date("2030-01-01T00:00:00Z") },
        { userId: jane.id, line: "kubectl apply -f cm.yml", startedAt: new Date("2030-01-02T00:00:00Z") },
        { userId: joe.id, line: "kubectl delete cm answer", startedAt: new Date("2030-01-02T00:00:00Z") },
      ],
    });
    expect((await view.commands(new Date("2030-01-01T12:00:00Z"))).map((c) => c.line)).toEqual(["kubectl apply -f cm.yml"]);
  });
});
