import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseCsv, unguard } from "@/lib/instructor/csv";
import { gradeSheetRows } from "@/lib/instructor/grade-sheet";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { classroomDepsFor } from "@/lib/server/classrooms/classroom-deps";
import { createClassroom, type CreatedClassroom } from "@/lib/server/classrooms/create-classroom";
import { joinClassroom } from "@/lib/server/classrooms/join-classroom";
import type { PrismaClient } from "@/lib/server/db/generated/prisma/client";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { classroomGradeSheet } from "@/lib/server/instructor/classroom-grades";
import { labsDepsFor, type LabsDeps } from "@/lib/server/labs/labs-deps";
import { submitAssignment } from "@/lib/server/labs/submit-assignment";
import { Forbidden } from "@/lib/server/platform-errors";
import { startTestApiServer, type TestApiServer } from "../../support/api-server";
import { failure, platformUser } from "../classrooms/classroom-support";

// Issue 8's grades: the classroom-wide sheet (assignments × learners, late and missing ones), its CSV export equal
// to the table row for row (done-means 3), extra time (the route, and lateness honouring it), and every route and
// page refused to learners, other classrooms' instructors and anonymous visitors.

const shared: { user?: PlatformUser; deps?: LabsDeps } = {};
vi.mock("@/lib/server/auth/current-user", () => ({
  currentUser: () => Promise.resolve(shared.user),
  requireUser: () => {
    if (!shared.user) throw Object.assign(new Error("Sign in first."), { name: "Unauthenticated" });
    return Promise.resolve(shared.user);
  },
}));
vi.mock("@/lib/server/instructor/instructor-deps", () => ({ instructorDeps: () => Promise.resolve(shared.deps!) }));
const { GET: csvRoute } = await import("@/app/api/classrooms/[id]/grades.csv/route");
const { POST: extensionRoute } = await import("@/app/api/assignments/[id]/extensions/route");
const { default: GradesPage } = await import("@/app/classrooms/[id]/grades/page");

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
      - { id: answer-exists, type: objectExists, kind: ConfigMap, name: answer, fields: { data.value: "42" }, points: 2 }
`;

let server: TestApiServer;
let prisma: PrismaClient;
let deps: LabsDeps;
let labsDir: string;
let clock = new Date("2030-02-10T12:00:00Z");
let owner: PlatformUser;
let stranger: PlatformUser;
let jane: PlatformUser;
let joe: PlatformUser;
let ann: PlatformUser;
let k8s: CreatedClassroom;
const ns: Record<string, string> = {};
let pastId: string;
let futureId: string;
const day = (d: number, h = 0) => new Date(Date.UTC(2030, 1, d, h));
const results = (passed: boolean) => [{ stepId: "answer", checkId: "answer-exists", passed, message: passed ? "ConfigMap answer has data.value 42" : 'ConfigMap answer has data.value "41", want "42"' }];

beforeAll(async () => {
  server = await startTestApiServer();
  prisma = createPrismaClient(server.databaseUrl);
  labsDir = mkdtempSync(join(tmpdir(), "kubeclass-grades-"));
  mkdirSync(join(labsDir, "99-answer"));
  writeFileSync(join(labsDir, "99-answer", "lab.yaml"), labYaml);
  deps = labsDepsFor(server.running.api, prisma, labsDir, () => clock);
  shared.deps = deps;
  const classrooms = classroomDepsFor(server.running.api, prisma);
  owner = await platformUser(prisma, "owner@grades.test", "INSTRUCTOR");
  stranger = await platformUser(prisma, "stranger@grades.test", "INSTRUCTOR");
  jane = await platformUser(prisma, "jane@grades.test", "LEARNER");
  joe = await platformUser(prisma, "joe@grades.test", "LEARNER");
  ann = await platformUser(prisma, "ann@grades.test", "LEARNER");
  // A learner-chosen name that a spreadsheet would run as a formula, with a comma and a quote for the quoting.
  await prisma.user.update({ where: { id: joe.id }, data: { name: '=HYPERLINK("http://evil.example","Joe, Jr")' } });
  k8s = await createClassroom(classrooms, owner, { name: "Grades 101" });
  await createClassroom(classrooms, stranger, { name: "Other" });
  for (const learner of [jane, joe, ann]) ns[learner.id] = (await joinClassroom(classrooms, learner, { inviteCode: k8s.inviteCode })).namespace;
  const assign = (title: string, dueAt: Date) =>
    prisma.assignment.create({ data: { classroomId: k8s.id, labSlug: "answer-lab", title, opensAt: day(1), dueAt, createdById: owner.id } });
  pastId = (await assign("Past, due", day(5))).id;
  futureId = (await assign("Future", day(20))).id;
  const submit = (assignmentId: string, user: PlatformUser, submittedAt: Date, score: number, late: boolean) =>
    prisma.submission.create({ data: { assignmentId, userId: user.id, namespace: ns[user.id]!, submittedAt, late, score, maxScore: 2, results: results(score === 2) } });
  await submit(pastId, jane, day(4), 2, false);
  await submit(pastId, joe, day(4), 0, false);
  await submit(pastId, joe, day(7), 2, true); // his latest: late
  await submit(futureId, jane, day(9), 0, false);
  // Ann: nothing; missing for the past assignment, not yet submitted for the future one.
});

afterAll(async () => {
  await prisma?.$disconnect();
  await server?.stop();
  if (labsDir) rmSync(labsDir, { recursive: true, force: true });
});

const csvFor = (user: PlatformUser | undefined, id = k8s.id) => {
  shared.user = user;
  return csvRoute(new Request(`http://localhost/api/classrooms/${id}/grades.csv`), { params: Promise.resolve({ id }) });
};
const grant = (user: PlatformUser | undefined, assignmentId: string, body: unknown) => {
  shared.user = user;
  const request = new Request(`http://localhost/api/assignments/${assignmentId}/extensions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return extensionRoute(request, { params: Promise.resolve({ id: assignmentId }) });
};

describe("the classroom grade sheet", () => {
  it("has every assignment × learner: latest scores, late and missing ones", async () => {
    const sheet = await classroomGradeSheet(deps, owner, k8s.id);
    expect(sheet.assignments.map((a) => [a.title, a.maxScore])).toEqual([["Past, due", 2], ["Future", 2]]);
    const rows = gradeSheetRows(sheet, clock);
    const byEmail = new Map(rows.slice(1).map((r) => [r[1], r]));
    // score, max, status, submitted, due — per assignment; then totals.
    expect(byEmail.get(jane.email)!.slice(2)).toEqual(["2", "2", "on time", day(4).toISOString(), day(5).toISOString(), "0", "2", "on time", day(9).toISOString(), day(20).toISOString(), "2", "4"]);
    expect(byEmail.get(joe.email)!.slice(2, 7)).toEqual(["2", "2", "late", day(7).toISOString(), day(5).toISOString()]);
    expect(byEmail.get(ann.email)!.slice(2)).toEqual(["", "2", "missing", "", day(5).toISOString(), "", "2", "not submitted", "", day(20).toISOString(), "0", "4"]);
    expect(sheet.learners.find((l) => l.userId === joe.id)!.cells[0]).toMatchObject({ submissions: 2, submission: { late: true, results: results(true) } });
    expect(await failure(classroomGradeSheet(deps, jane, k8s.id))).toBeInstanceOf(Forbidden);
    expect(await failure(classroomGradeSheet(deps, stranger, k8s.id))).toBeInstanceOf(Forbidden);
  });

  it("exports a CSV that parses back to exactly the table's rows, formulas defused", async () => {
    const response = await csvFor(owner);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="grades-101-grades.csv"');
    const text = await response.text();
    const parsed = parseCsv(text);
    const table = gradeSheetRows(await classroomGradeSheet(deps, owner, k8s.id), clock);
    expect(parsed.map((row) => row.map(unguard))).toEqual(table);
    expect(parsed).toHaveLength(4);
    // Joe's name arrives as text, not a formula.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Joe, Jr"")"`);
  });

  it("the CSV is refused to anonymous visitors, learners and other classrooms' instructors", async () => {
    expect((await csvFor(undefined)).status).toBe(401);
    const learner = await csvFor(jane);
    expect(learner.status).toBe(403);
    expect(await learner.json()).toEqual({ error: "Only the instructors of this classroom can do that." });
    expect((await csvFor(stranger)).status).toBe(403);
    expect((await csvFor(owner, "missing")).status).toBe(404);
  });

  it("the grades page: not found for learners and other instructors, sign-in for anonymous visitors", async () => {
    const render = async (user: PlatformUser | undefined) => {
      shared.user = user;
      try {
        return { page: await GradesPage({ params: Promise.resolve({ id: k8s.id }) }) };
      } catch (error) {
        return { digest: (error as { digest?: string }).digest ?? String(error) };
      }
    };
    expect(await render(jane)).toEqual({ digest: expect.stringMatching(/404/) as unknown });
    expect(await render(stranger)).toEqual({ digest: expect.stringMatching(/404/) as unknown });
    expect(await render(undefined)).toEqual({ digest: expect.stringMatching(/^NEXT_REDIRECT;.*\/signin\?callbackUrl=/) as unknown });
    // A rendered React element, not a redirect or a not-found.
    expect((await render(owner)).page).toHaveProperty("props");
  });
});

describe("extra time", () => {
  it("is refused to anonymous visitors, learners, other instructors, and for non-learners", async () => {
    const body = { userId: joe.id, dueAt: day(8).toISOString() };
    expect((await grant(undefined, pastId, body)).status).toBe(401);
    expect((await grant(joe, pastId, body)).status).toBe(403);
    expect((await grant(stranger, pastId, body)).status).toBe(403);
    expect((await grant(owner, "missing", body)).status).toBe(404);
    expect((await grant(owner, pastId, { userId: stranger.id, dueAt: body.dueAt })).status).toBe(404);
    expect((await grant(owner, pastId, { userId: owner.id, dueAt: body.dueAt })).status).toBe(404);
    expect((await grant(owner, pastId, { userId: joe.id, dueAt: "soon" })).status).toBe(400);
    expect((await grant(owner, pastId, { userId: joe.id, dueAt: day(1).toISOString() })).status).toBe(400);
    expect(await prisma.assignmentExtension.count()).toBe(0);
  });

  it("moves a learner's deadline: their late submission becomes on time, in the sheet and the CSV", async () => {
    const response = await grant(owner, pastId, { userId: joe.id, dueAt: day(8).toISOString() });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ assignmentId: pastId, userId: joe.id, dueAt: day(8).toISOString() });
    const sheet = await classroomGradeSheet(deps, owner, k8s.id);
    const joeCell = sheet.learners.find((l) => l.userId === joe.id)!.cells[0]!;
    expect(joeCell).toMatchObject({ dueAt: day(8).toISOString(), extended: true, submission: { late: false } });
    const csv = parseCsv(await (await csvFor(owner)).text());
    expect(csv.find((r) => r[1] === joe.email)!.slice(2, 7)).toEqual(["2", "2", "on time", day(7).toISOString(), day(8).toISOString()]);
    // Granting again replaces it (an earlier deadline makes the submission late again).
    expect((await grant(owner, pastId, { userId: joe.id, dueAt: day(6).toISOString() })).status).toBe(200);
    expect(await prisma.submission.findFirst({ where: { assignmentId: pastId, userId: joe.id }, orderBy: { submittedAt: "desc" } })).toMatchObject({ late: true });
    expect(await prisma.assignmentExtension.count()).toBe(1);
  });

  it("a learner submitting after the assignment's deadline but before their own is not late", async () => {
    expect((await grant(owner, pastId, { userId: ann.id, dueAt: day(12).toISOString() })).status).toBe(200);
    clock = day(11);
    expect(await submitAssignment(deps, ann, pastId)).toMatchObject({ late: false, score: 0 });
    expect(await submitAssignment(deps, jane, pastId)).toMatchObject({ late: true });
    clock = day(13);
    expect(await submitAssignment(deps, ann, pastId)).toMatchObject({ late: true });
  });
});
