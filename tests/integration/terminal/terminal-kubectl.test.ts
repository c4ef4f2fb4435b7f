import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RequestLimiter } from "@/lib/cluster/api/rate-limit/request-limiter";
import { kubectlProgram } from "@/lib/kubectl/kubectl-program";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { classroomDepsFor } from "@/lib/server/classrooms/classroom-deps";
import { createClassroom } from "@/lib/server/classrooms/create-classroom";
import { joinClassroom } from "@/lib/server/classrooms/join-classroom";
import type { PrismaClient } from "@/lib/server/db/generated/prisma/client";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { kubectlDepsFor } from "@/lib/server/terminal/kubectl-deps-for";
import { openUserTerminal, type TerminalDeps } from "@/lib/server/terminal/open-user-terminal";
import { openTerminalSession } from "@/lib/terminal/open-terminal-session";
import type { TerminalSession } from "@/lib/terminal/terminal-session";
import { startTestApiServer, type TestApiServer } from "../../support/api-server";
import { platformUser } from "../classrooms/classroom-support";

// The real shell with the terminal's kubectl, acting as the signed-in learner through the real API path (RBAC,
// their namespace from the kubeconfig the terminal writes), each command recorded with that namespace, and the
// files they write kept in their home in Postgres.
let server: TestApiServer;
let prisma: PrismaClient;
let jane: PlatformUser;
let joe: PlatformUser;
let janeNs: string;
let joeNs: string;
let deps: TerminalDeps;

beforeAll(async () => {
  server = await startTestApiServer();
  prisma = createPrismaClient(server.databaseUrl);
  const classrooms = classroomDepsFor(server.running.api, prisma);
  const owner = await platformUser(prisma, "owner@school.test", "INSTRUCTOR");
  jane = await platformUser(prisma, "jane@school.test", "LEARNER");
  joe = await platformUser(prisma, "joe@school.test", "LEARNER");
  const classroom = await createClassroom(classrooms, owner, { name: "Terminal" });
  janeNs = (await joinClassroom(classrooms, jane, { inviteCode: classroom.inviteCode })).namespace;
  joeNs = (await joinClassroom(classrooms, joe, { inviteCode: classroom.inviteCode })).namespace;
  deps = {
    prisma,
    openSession: openTerminalSession,
    programs: (user) => ({ programs: { kubectl: kubectlProgram(kubectlDepsFor(user, server.url, { api: () => Promise.resolve(server.running.api) })) }, completers: {} }),
    serverUrl: server.url,
    now: () => new Date(),
    onError: (error) => {
      throw error;
    },
  };
});

afterAll(async () => {
  await prisma?.$disconnect();
  await server?.stop();
});

const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, "g");

function screenOf(session: TerminalSession) {
  let screen = "";
  // Colours and cursor movements out, so assertions read the text as a person would.
  session.onOutput((data) => (screen += data.replace(ansi, "")));
  return {
    run: async (line: string, expected: string) => {
      session.input(`${line}\r`);
      await expect.poll(() => screen, { timeout: 10_000 }).toContain(expected);
    },
    text: () => screen,
  };
}

describe("kubectl in the terminal", () => {
  it("works in the learner's namespace, as the learner", async () => {
    const session = await openUserTerminal(deps, jane, { columns: 120, rows: 30 });
    const screen = screenOf(session);
    await screen.run("kubectl get pods", `No resources found in ${janeNs} namespace.`);
    await screen.run("kubectl config view --minify -o jsonpath={.contexts[0].context.namespace}", janeNs);
    await screen.run(
      `kubectl get pods -n ${joeNs}`,
      `Error from server (Forbidden): pods is forbidden: User "jane@school.test" cannot list resource "pods" in API group "" in the namespace "${joeNs}"`,
    );
    session.close();
    await expect
      .poll(() => prisma.terminalCommand.findMany({ where: { userId: jane.id }, orderBy: { startedAt: "asc" }, select: { line: true, namespace: true, exitCode: true } }))
      .toEqual([
        { line: "kubectl get pods", namespace: janeNs, exitCode: 0 },
        { line: "kubectl config view --minify -o jsonpath={.contexts[0].context.namespace}", namespace: janeNs, exitCode: 0 },
        { line: `kubectl get pods -n ${joeNs}`, namespace: janeNs, exitCode: 1 },
      ]);
  });
  it("writes a manifest with a here-document into the home in Postgres, and applies it", async () => {
    const session = await openUserTerminal(deps, jane, { columns: 120, rows: 30 });
    const screen = screenOf(session);
    const manifest = ["apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: web", "spec:", "  replicas: 1", "  selector:", "    matchLabels: {app: web}",
      "  template:", "    metadata:", "      labels: {app: web}", "    spec:", "      containers:", "      - {name: web, image: nginx:1.27}"];
    session.input("cat > deploy.yml <<EOF\r");
    for (const line of manifest) session.input(`${line}\r`);
    session.input("EOF\r");
    const file = () => prisma.homeFile.findUnique({ where: { userId_path: { userId: jane.id, path: "/home/jane/deploy.yml" } }, select: { content: true } });
    await expect.poll(async () => (await file())?.content).toBe(`${manifest.join("\n")}\n`);
    await screen.run("kubectl apply -f deploy.yml", "deployment.apps/web created");
    await screen.run("kubectl get deployments", "UP-TO-DATE");
    session.close();
  });
  it("is held to the per-user rate limit, in kubectl's words", async () => {
    const limiter = new RequestLimiter({ learner: { perSecond: 0.01, burst: 2 }, now: () => performance.now() });
    const limited: TerminalDeps = {
      ...deps,
      programs: (user) => ({
        programs: { kubectl: kubectlProgram(kubectlDepsFor(user, server.url, { api: () => Promise.resolve(server.running.api), admit: (u) => limiter.admit(u) })) },
        completers: {},
      }),
    };
    const session = await openUserTerminal(limited, joe, { columns: 120, rows: 30 });
    const screen = screenOf(session);
    for (let i = 0; i < 3; i++) session.input("kubectl get pods\r");
    await expect.poll(() => screen.text(), { timeout: 10_000 }).toContain("Too many requests, please try again later.");
    session.close();
  });
});
