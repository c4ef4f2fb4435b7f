import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import { platformUser as platformIdentity } from "@/lib/server/apiserver/cluster-api";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { classroomDepsFor } from "@/lib/server/classrooms/classroom-deps";
import { createClassroom } from "@/lib/server/classrooms/create-classroom";
import { joinClassroom } from "@/lib/server/classrooms/join-classroom";
import type { PrismaClient } from "@/lib/server/db/generated/prisma/client";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { applyStepSetup } from "@/lib/server/labs/apply-step-setup";
import { checkStep } from "@/lib/server/labs/check-step";
import { labProgress } from "@/lib/server/labs/lab-progress";
import { labsDepsFor, type LabsDeps } from "@/lib/server/labs/labs-deps";
import type * as LabsDepsModule from "@/lib/server/labs/labs-deps";
import { openStep } from "@/lib/server/labs/open-step";
import { revealHint } from "@/lib/server/labs/reveal-hint";
import { Forbidden, NotFound } from "@/lib/server/platform-errors";
import { homeDirectory, homeUserName } from "@/lib/server/terminal/home-path";
import { PrismaHomeFs } from "@/lib/server/terminal/prisma-home-fs";
import { startTestApiServer, type TestApiServer } from "../../support/api-server";
import { clusterAs, failure, platformUser } from "../classrooms/classroom-support";

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
const { POST: openRoute } = await import("@/app/api/labs/[slug]/steps/[stepId]/open/route");
const { POST: hintsRoute } = await import("@/app/api/labs/[slug]/steps/[stepId]/hints/route");

// A lab of its own: a step that plants a ConfigMap and a Deployment, hands out two files and has two hints.
const labYaml = `
slug: setup-lab
title: Setup
chapter: { number: 98, name: Testing }
summary: Fix what the step planted.
objectives: [Fix it]
estimatedMinutes: 1
steps:
  - id: fix
    title: Fix the planted objects
    instructions: Fix them.
    hints: [Look at the ConfigMap., "kubectl edit configmap planted"]
    starterFiles:
      - { path: fix.yml, content: "kind: ConfigMap\\n" }
      - { path: drills/notes.txt, content: "notes\\n" }
    setup:
      objects:
        - { apiVersion: v1, kind: ConfigMap, metadata: { name: planted, labels: { lab: setup } }, data: { value: broken } }
        - apiVersion: apps/v1
          kind: Deployment
          metadata: { name: planted-web }
          spec:
            replicas: 1
            selector: { matchLabels: { app: planted } }
            template:
              metadata: { labels: { app: planted } }
              spec: { containers: [{ name: web, image: nigelpoulton/k8sbook:nope }] }
    checks:
      - { id: scaled, type: commandRun, kubectl: { verb: scale } }
  - id: no-hints
    title: Nothing to hint
    instructions: Nothing.
    checks:
      - { id: nothing, type: absent, kind: ConfigMap, name: never-there }
`;

let server: TestApiServer;
let prisma: PrismaClient;
let deps: LabsDeps;
let labsDir: string;
let clock = new Date("2030-02-01T10:00:00Z");
let jane: PlatformUser;
let joe: PlatformUser;
let outsider: PlatformUser;
let janeNs: string;
let joeNs: string;
let platform: InProcessClient;

const ids = { labSlug: "setup-lab", stepId: "fix" };
const cmPath = (ns: string, name?: string) => InProcessClient.path("v1", "configmaps", ns, name);
const deployPath = (ns: string, name?: string) => InProcessClient.path("apps/v1", "deployments", ns, name);
const homeOf = (user: PlatformUser) => new PrismaHomeFs(prisma, user.id, homeDirectory(homeUserName(user.email)));
const params = (stepId = "fix") => ({ params: Promise.resolve({ slug: "setup-lab", stepId }) });
const post = () => new Request("http://localhost/x", { method: "POST", body: "{}" });

beforeAll(async () => {
  server = await startTestApiServer();
  prisma = createPrismaClient(server.databaseUrl);
  labsDir = mkdtempSync(join(tmpdir(), "kubeclass-labs-"));
  mkdirSync(join(labsDir, "98-setup"));
  writeFileSync(join(labsDir, "98-setup", "lab.yaml"), labYaml);
  deps = labsDepsFor(server.running.api, prisma, labsDir, () => clock);
  shared.deps = deps;
  const classrooms = classroomDepsFor(server.running.api, prisma);
  const owner = await platformUser(prisma, "owner@setup.test", "INSTRUCTOR");
  jane = await platformUser(prisma, "jane@setup.test", "LEARNER");
  joe = await platformUser(prisma, "joe@setup.test", "LEARNER");
  outsider = await platformUser(prisma, "outsider@setup.test", "LEARNER");
  const room = await createClassroom(classrooms, owner, { name: "Setup 101" });
  janeNs = (await joinClassroom(classrooms, jane, { inviteCode: room.inviteCode })).namespace;
  joeNs = (await joinClassroom(classrooms, joe, { inviteCode: room.inviteCode })).namespace;
  platform = new InProcessClient((request) => server.running.api.serve(request), platformIdentity);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await server?.stop();
  if (labsDir) rmSync(labsDir, { recursive: true, force: true });
});

describe("opening a step", () => {
  it("applies the setup in the learner's namespace only, writes the starter files and starts the step", async () => {
    const opened = await openStep(deps, jane, ids);
    expect(opened).toMatchObject({ firstOpen: true, startedAt: clock.toISOString(), starterFiles: ["fix.yml", "drills/notes.txt"] });
    expect(opened.setup.map((s) => s.action)).toEqual(["created", "created"]);
    expect((await platform.get(cmPath(janeNs, "planted"))).data).toEqual({ value: "broken" });
    expect((await platform.get(deployPath(janeNs, "planted-web"))).metadata.namespace).toBe(janeNs);
    // Nothing lands in a classmate's namespace.
    expect((await platform.list(cmPath(joeNs))).items.map((o) => o.metadata.name)).not.toContain("planted");
    expect(await failure(platform.get(deployPath(joeNs, "planted-web")))).toMatchObject({ code: 404 });
    const home = homeDirectory(homeUserName(jane.email));
    expect(await homeOf(jane).readFile(`${home}/fix.yml`)).toBe("kind: ConfigMap\n");
    expect(await homeOf(jane).readFile(`${home}/drills/notes.txt`)).toBe("notes\n");
  });

  it("reopening keeps the start time, the learner's edits to files and objects, and recreates what is missing", async () => {
    const firstStart = clock.toISOString();
    const home = homeDirectory(homeUserName(jane.email));
    await homeOf(jane).writeFile(`${home}/fix.yml`, "my own edit\n");
    await homeOf(jane).remove(`${home}/drills/notes.txt`);
    await clusterAs(server.running.api, jane).patch(cmPath(janeNs, "planted"), { data: { value: "fixed" } });
    await clusterAs(server.running.api, jane).delete(deployPath(janeNs, "planted-web"));
    clock = new Date("2030-02-01T11:00:00Z");
    const again = await openStep(deps, jane, ids);
    expect(again).toMatchObject({ firstOpen: false, startedAt: firstStart, starterFiles: ["drills/notes.txt"] });
    expect(again.setup.map((s) => s.action)).toEqual(["kept", "created"]);
    expect(await homeOf(jane).readFile(`${home}/fix.yml`)).toBe("my own edit\n");
    expect((await platform.get(cmPath(janeNs, "planted"))).data).toEqual({ value: "fixed" });
    expect(await prisma.labProgress.findUnique({ where: { userId_labSlug_stepId: { userId: jane.id, ...ids } } })).toMatchObject({ startedAt: new Date(firstStart) });
  });

  it("a first open puts back a same-named object that differs from the setup", async () => {
    await clusterAs(server.running.api, joe).create(cmPath(joeNs), { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "planted" }, data: { value: "left over" } });
    const opened = await openStep(deps, joe, ids);
    expect(opened.setup.map((s) => s.action)).toEqual(["replaced", "created"]);
    const planted = await platform.get(cmPath(joeNs, "planted"));
    expect(planted.data).toEqual({ value: "broken" });
    expect(planted.metadata.labels).toMatchObject({ lab: "setup" });
  });

  it("check counts commands from the step's start only", async () => {
    const startedAt = (await prisma.labProgress.findUniqueOrThrow({ where: { userId_labSlug_stepId: { userId: jane.id, ...ids } } })).startedAt;
    await prisma.terminalCommand.create({ data: { userId: jane.id, line: "kubectl scale deploy/planted-web --replicas=2", startedAt: new Date(startedAt.getTime() - 60_000) } });
    expect((await checkStep(deps, jane, ids)).passed).toBe(false);
    await prisma.terminalCommand.create({ data: { userId: jane.id, line: "kubectl scale deploy/planted-web --replicas=3", startedAt: new Date(startedAt.getTime() + 60_000) } });
    expect((await checkStep(deps, jane, ids)).passed).toBe(true);
  });

  it("refuses unknown steps and people without a learner namespace; the route opens for the session's user", async () => {
    expect(await failure(openStep(deps, jane, { labSlug: "setup-lab", stepId: "nope" }))).toBeInstanceOf(NotFound);
    expect(await failure(openStep(deps, outsider, ids))).toBeInstanceOf(Forbidden);
    session.user = joe;
    const response = await openRoute(post(), params("no-hints"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ stepId: "no-hints", firstOpen: true, setup: [], starterFiles: [] });
  });
});

describe("setup objects", () => {
  it("never write outside the learner's namespace: cluster-scoped kinds and foreign namespaces are refused", async () => {
    const api = server.running.api;
    const namespace = { apiVersion: "v1", kind: "Namespace", metadata: { name: "setup-escape" } };
    expect((await failure(applyStepSetup(api, janeNs, [namespace], { replace: true })))?.message).toMatch(/cluster-scoped/);
    expect(await failure(platform.get("/api/v1/namespaces/setup-escape"))).toMatchObject({ code: 404 });
    const foreign = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "sneaky", namespace: joeNs } };
    expect((await failure(applyStepSetup(api, janeNs, [foreign], { replace: true })))?.message).toMatch(/only into the learner's namespace/);
    expect(await failure(platform.get(cmPath(joeNs, "sneaky")))).toMatchObject({ code: 404 });
  });
});

describe("hints", () => {
  it("are revealed one by one, capped at the step's hints, and progress shows their text", async () => {
    expect((await revealHint(deps, jane, ids)).hints).toEqual(["Look at the ConfigMap."]);
    expect((await revealHint(deps, jane, ids)).hints).toEqual(["Look at the ConfigMap.", "kubectl edit configmap planted"]);
    expect(await revealHint(deps, jane, ids)).toMatchObject({ hints: ["Look at the ConfigMap.", "kubectl edit configmap planted"], hintsTotal: 2 });
    const step = (await labProgress(deps, jane, "setup-lab")).steps[0];
    expect(step).toMatchObject({ hintsShown: 2, hints: ["Look at the ConfigMap.", "kubectl edit configmap planted"], hintsTotal: 2 });
    // Joe has seen none: hints are per learner.
    expect((await labProgress(deps, joe, "setup-lab")).steps[0]).toMatchObject({ hintsShown: 0, hints: [] });
  });

  it("racing requests reveal each hint once; a step without hints reveals nothing", async () => {
    const results = await Promise.all([revealHint(deps, joe, ids), revealHint(deps, joe, ids), revealHint(deps, joe, ids)]);
    expect(results.map((r) => r.hints.length).sort()).toEqual([1, 2, 2]);
    expect((await revealHint(deps, joe, { labSlug: "setup-lab", stepId: "no-hints" })).hints).toEqual([]);
    expect(await failure(revealHint(deps, joe, { labSlug: "setup-lab", stepId: "nope" }))).toBeInstanceOf(NotFound);
  });

  it("the hints route answers for the session's user", async () => {
    session.user = jane;
    const response = await hintsRoute(post(), params());
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ hints: ["Look at the ConfigMap.", "kubectl edit configmap planted"] });
  });
});
