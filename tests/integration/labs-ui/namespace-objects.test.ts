import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { classroomDepsFor } from "@/lib/server/classrooms/classroom-deps";
import { createClassroom } from "@/lib/server/classrooms/create-classroom";
import { joinClassroom } from "@/lib/server/classrooms/join-classroom";
import type { PrismaClient } from "@/lib/server/db/generated/prisma/client";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { labsDepsFor, type LabsDeps } from "@/lib/server/labs/labs-deps";
import { namespaceObjects } from "@/lib/server/labs/namespace-objects";
import { Forbidden } from "@/lib/server/platform-errors";
import { startTestApiServer, type TestApiServer } from "../../support/api-server";
import { clusterAs, failure, platformUser } from "../classrooms/classroom-support";

// The lab page's live namespace view: the learner's own objects (from their membership), never a classmate's.
let server: TestApiServer;
let prisma: PrismaClient;
let deps: LabsDeps;
let labsDir: string;
let jane: PlatformUser;
let joe: PlatformUser;
let teacher: PlatformUser;
let janeNs: string;
let joeNs: string;

const cm = (name: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { a: "b" } });

beforeAll(async () => {
  server = await startTestApiServer();
  prisma = createPrismaClient(server.databaseUrl);
  labsDir = mkdtempSync(join(tmpdir(), "kubeclass-labs-ui-"));
  deps = labsDepsFor(server.running.api, prisma, labsDir);
  const classrooms = classroomDepsFor(server.running.api, prisma);
  teacher = await platformUser(prisma, "teacher@labs-ui.test", "INSTRUCTOR");
  jane = await platformUser(prisma, "jane@labs-ui.test", "LEARNER");
  joe = await platformUser(prisma, "joe@labs-ui.test", "LEARNER");
  const classroom = await createClassroom(classrooms, teacher, { name: "Live view" });
  janeNs = (await joinClassroom(classrooms, jane, { inviteCode: classroom.inviteCode })).namespace;
  joeNs = (await joinClassroom(classrooms, joe, { inviteCode: classroom.inviteCode })).namespace;
});

afterAll(async () => {
  await prisma?.$disconnect();
  await server?.stop();
  if (labsDir) rmSync(labsDir, { recursive: true, force: true });
});

describe("namespaceObjects", () => {
  it("lists the learner's own objects by kind, with a status, and none of a classmate's", async () => {
    await clusterAs(server.running.api, jane).create(InProcessClient.path("v1", "configmaps", janeNs), cm("settings"));
    await clusterAs(server.running.api, jane).create(InProcessClient.path("v1", "services", janeNs), {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web" },
      spec: { type: "NodePort", selector: { app: "web" }, ports: [{ port: 80 }] },
    });
    await clusterAs(server.running.api, joe).create(InProcessClient.path("v1", "configmaps", joeNs), cm("joes-secret-plan"));

    const view = await namespaceObjects(deps, jane);
    expect(view.namespace).toBe(janeNs);
    expect(view.objects.map((o) => `${o.kind}/${o.name}`)).toEqual(["Service/web", "ConfigMap/settings"]);
    expect(view.objects[0]?.status).toMatch(/^NodePort \d+\.\d+\.\d+\.\d+$/);
    expect((await namespaceObjects(deps, joe)).objects.map((o) => o.name)).toEqual(["joes-secret-plan"]);
  });

  it("refuses someone who is no learner anywhere with a sentence", async () => {
    const error = await failure(namespaceObjects(deps, teacher));
    expect(error).toBeInstanceOf(Forbidden);
    expect(error?.message).toBe("Join a classroom first: labs are checked in your classroom namespace.");
  });
});
