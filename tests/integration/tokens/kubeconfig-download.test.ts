import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import { listMyActivity } from "@/lib/server/activity/list-my-activity";
import { platformUser } from "@/lib/server/apiserver/cluster-api";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { createTokenAuthenticator } from "@/lib/server/auth/token-authenticator";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { NotFound } from "@/lib/server/platform-errors";
import { issueKubeconfig, type KubeconfigDeps } from "@/lib/server/tokens/issue-kubeconfig";
import { listMyTokens } from "@/lib/server/tokens/list-my-tokens";
import { revokeMyToken } from "@/lib/server/tokens/revoke-my-token";
import { startTestApiServer, type TestApiServer } from "../../support/api-server";
import { kubectl, kubectlBinary, succeeded } from "../../support/kubectl";
import { waitFor } from "../../support/processes";

// "Download kubeconfig": a fresh token per file, a context in the learner's own namespace, real kubectl works with
// it, and the token is the learner's own to list and revoke. Against the real API server and Postgres.
let server: TestApiServer;
let prisma: ReturnType<typeof createPrismaClient>;
let deps: KubeconfigDeps;
let dir: string;
let learner: PlatformUser;
let other: PlatformUser;
let classroomId: string;
let otherClassroomId: string;
const kubectl135 = kubectlBinary(35);

beforeAll(async () => {
  server = await startTestApiServer();
  prisma = createPrismaClient(server.databaseUrl);
  dir = mkdtempSync(join(tmpdir(), "kubeconfig-download-"));
  deps = { prisma, server: server.url, caPem: server.caPem, now: () => new Date(), tokenDays: 30 };
  const make = async (email: string) => {
    const row = await prisma.user.create({ data: { email, name: email.split("@")[0] ?? email, role: "LEARNER" } });
    return { id: row.id, email: row.email, name: row.name, role: row.role } satisfies PlatformUser;
  };
  learner = await make("kc-learner@test.local");
  other = await make("kc-other@test.local");
  const owner = await prisma.user.create({ data: { email: "kc-teacher@test.local", name: "T", role: "INSTRUCTOR" } });
  const classroom = await prisma.classroom.create({ data: { name: "K", slug: "k", inviteCode: "KCINVITE1", ownerId: owner.id } });
  const otherClassroom = await prisma.classroom.create({ data: { name: "O", slug: "o", inviteCode: "KCINVITE2", ownerId: owner.id } });
  classroomId = classroom.id;
  otherClassroomId = otherClassroom.id;
  await prisma.membership.create({ data: { userId: learner.id, classroomId, role: "LEARNER", namespace: "k-learner" } });
  await prisma.membership.create({ data: { userId: other.id, classroomId: otherClassroomId, role: "LEARNER", namespace: "o-other" } });
  // The namespaces and the learner's `edit` binding, as provisioning makes them.
  const admin = new InProcessClient((request) => server.running.api.serve(request), platformUser);
  for (const [ns, email] of [["k-learner", learner.email], ["o-other", other.email]] as const) {
    await admin.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
    await admin.create(InProcessClient.path("rbac.authorization.k8s.io/v1", "rolebindings", ns), {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "learner-edit" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: email }],
    });
  }
});

afterAll(async () => {
  await prisma?.$disconnect();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("download kubeconfig", () => {
  it("gives real kubectl the learner's own namespace, and nobody else's", async () => {
    const issued = await issueKubeconfig(deps, learner, { classroomId });
    expect(issued.namespace).toBe("k-learner");
    expect(issued.fileName).toBe("kubeclass-k-learner.kubeconfig");
    const file = join(dir, issued.fileName);
    writeFileSync(file, issued.yaml);
    expect(succeeded(await kubectl(kubectl135, file, ["config", "view", "--minify", "-o", "jsonpath={.contexts[0].context.namespace}"]))).toBe("k-learner");
    const mine = await kubectl(kubectl135, file, ["get", "pods"]);
    expect(mine.code, mine.stderr).toBe(0);
    expect(mine.stderr).toContain("No resources found in k-learner namespace.");
    const theirs = await kubectl(kubectl135, file, ["get", "pods", "-n", "o-other"]);
    expect(theirs.code).not.toBe(0);
    expect(theirs.stderr).toContain(
      'Error from server (Forbidden): pods is forbidden: User "kc-learner@test.local" cannot list resource "pods" in API group "" in the namespace "o-other"',
    );
  });

  it("refuses a classroom the user is not a member of, as not found", async () => {
    await expect(issueKubeconfig(deps, learner, { classroomId: otherClassroomId })).rejects.toThrow(NotFound);
    await expect(issueKubeconfig(deps, learner, { classroomId: "no-such-classroom" })).rejects.toThrow(NotFound);
  });

  it("without a classroom, points at the learner's latest namespace; the token expires after the configured days", async () => {
    const now = new Date("2026-11-26T10:00:00Z");
    const issued = await issueKubeconfig({ ...deps, now: () => now, tokenDays: 7 }, learner, {});
    expect(issued.namespace).toBe("k-learner");
    expect(issued.expiresAt.toISOString()).toBe("2026-12-03T10:00:00.000Z");
  });
});

describe("tokens are the user's own to list and revoke", () => {
  it("lists and revokes; a revoked token no longer authenticates; another user's token id is not found", async () => {
    const issued = await issueKubeconfig(deps, learner, { classroomId });
    const token = /token: (\S+)/.exec(issued.yaml)?.[1] ?? "";
    expect(token).toMatch(/^kc_/);
    const authenticate = createTokenAuthenticator({ prisma, cacheMs: 0 });
    expect((await authenticate(`Bearer ${token}`))?.username).toBe(learner.email);

    const listed = await listMyTokens({ prisma, now: () => new Date() }, learner);
    expect(listed.length).toBeGreaterThanOrEqual(3);
    expect(listed.every((t) => t.state === "active")).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(token);
    const newest = listed[0];
    if (!newest) throw new Error("no token listed");

    // Another learner cannot revoke it, and learns nothing from trying.
    await expect(revokeMyToken({ prisma, now: () => new Date() }, other, newest.id)).rejects.toThrow(NotFound);
    expect((await authenticate(`Bearer ${token}`))?.username).toBe(learner.email);

    await revokeMyToken({ prisma, now: () => new Date() }, learner, newest.id);
    expect(await authenticate(`Bearer ${token}`)).toBeUndefined();
    expect((await listMyTokens({ prisma, now: () => new Date() }, learner))[0]?.state).toBe("revoked");
    // Revoking twice is not an error.
    await revokeMyToken({ prisma, now: () => new Date() }, learner, newest.id);
    expect((await listMyTokens({ prisma, now: () => new Date() }, other)).length).toBe(0);
  });
});

describe("activity", () => {
  it("shows the learner's own API requests, with their results, and nobody else's", async () => {
    const issued = await issueKubeconfig(deps, learner, { classroomId });
    const file = join(dir, "activity.kubeconfig");
    writeFileSync(file, issued.yaml);
    succeeded(await kubectl(kubectl135, file, ["create", "configmap", "mine", "--from-literal=a=b"]));
    await kubectl(kubectl135, file, ["get", "secrets", "-n", "o-other"]);
    const entries = await waitFor(async () => {
      const found = await listMyActivity({ prisma }, learner);
      return found.some((e) => e.name === "mine") && found.some((e) => e.resource === "secrets") ? found : undefined;
    }, "the learner's requests in the audit log");
    expect(entries.find((e) => e.name === "mine")).toMatchObject({ verb: "create", resource: "configmaps", namespace: "k-learner", code: 201 });
    expect(entries.find((e) => e.resource === "secrets")).toMatchObject({ verb: "list", namespace: "o-other", code: 403 });
    expect(await listMyActivity({ prisma }, other)).toEqual([]);
  });
});
