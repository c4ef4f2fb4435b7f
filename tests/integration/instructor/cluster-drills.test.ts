import { randomBytes } from "node:crypto";
import { describe, expect, it, vi, beforeAll, afterAll } from "vitest";
import type { ClusterNodeRow } from "@/lib/instructor/cluster-node-row";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import type { PrismaClient } from "@/lib/server/db/generated/prisma/client";
import { createPrismaClient } from "@/lib/server/db/prisma";
import type { DashboardDeps } from "@/lib/server/instructor/classroom-dashboard";
import { useControllerCluster } from "../../support/controller-cluster";
import { waitFor } from "../../support/processes";
import { platformUser } from "../classrooms/classroom-support";

// Issue 8's fault drills on cue: an instructor powers a worker node off through the route (the in-process API, as
// the platform) and the real worker's node lifecycle takes it NotReady; on again, it comes back Ready. Learners are
// refused; the control plane is never stopped.

const shared: { user?: PlatformUser; deps?: DashboardDeps } = {};
vi.mock("@/lib/server/auth/current-user", () => ({
  requireUser: () => {
    if (!shared.user) throw Object.assign(new Error("Sign in first."), { name: "Unauthenticated" });
    return Promise.resolve(shared.user);
  },
}));
vi.mock("@/lib/server/instructor/instructor-deps", () => ({ instructorDeps: () => Promise.resolve(shared.deps!) }));
const { POST: powerRoute } = await import("@/app/api/cluster/nodes/[name]/power/route");
const { GET: nodesRoute } = await import("@/app/api/cluster/nodes/route");
const { GET: realismGet, POST: realismPost } = await import("@/app/api/cluster/realism/route");

// Nodes renew their Lease every second here (10 s by default), so a stopped node is NotReady after about 4 s.
const cluster = useControllerCluster({ workerEnv: () => ({ NODE_HEARTBEAT_MS: "1000" }) });
let prisma: PrismaClient;
let instructor: PlatformUser;
let coInstructor: PlatformUser;
let learner: PlatformUser;
const WORKER = "kubeclass-worker2";

beforeAll(async () => {
  prisma = createPrismaClient(cluster.server.databaseUrl);
  shared.deps = { prisma, api: cluster.server.running.api, labs: () => Promise.resolve([]), now: () => new Date() };
  instructor = await platformUser(prisma, "ann@drills.test", "INSTRUCTOR");
  learner = await platformUser(prisma, "jane@drills.test", "LEARNER");
  // A platform learner who co-teaches a classroom counts as an instructor here.
  coInstructor = await platformUser(prisma, "co@drills.test", "LEARNER");
  const classroom = await prisma.classroom.create({ data: { name: "Drills", slug: "drills", inviteCode: randomBytes(4).toString("hex").toUpperCase(), ownerId: instructor.id } });
  await prisma.membership.create({ data: { userId: coInstructor.id, classroomId: classroom.id, role: "INSTRUCTOR" } });
  await prisma.membership.create({ data: { userId: learner.id, classroomId: classroom.id, role: "LEARNER", namespace: "drills-jane" } });
}, 60_000);

afterAll(async () => {
  await prisma?.$disconnect();
});

async function power(actor: PlatformUser | undefined, name: string, body: unknown) {
  shared.user = actor;
  const request = new Request(`http://kubeclass.test/api/cluster/nodes/${name}/power`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const response = await powerRoute(request, { params: Promise.resolve({ name }) });
  return { status: response.status, body: (await response.json()) as { node?: ClusterNodeRow; error?: string } };
}

async function nodes(actor: PlatformUser | undefined) {
  shared.user = actor;
  const response = await nodesRoute(new Request("http://kubeclass.test/api/cluster/nodes"), undefined);
  return { status: response.status, body: (await response.json()) as { nodes?: ClusterNodeRow[]; error?: string } };
}

async function setRealism(actor: PlatformUser | undefined, body: unknown) {
  shared.user = actor;
  const request = new Request("http://kubeclass.test/api/cluster/realism", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const response = await realismPost(request, undefined);
  return { status: response.status, body: (await response.json()) as { realism?: string; error?: string } };
}

/** Creates a pod of a tag no node has pulled yet; resolves how long it took to be Running. */
async function timeToRunning(name: string, tag: string): Promise<number> {
  const started = Date.now();
  await cluster.k("run", name, `--image=nigelpoulton/k8sbook:${tag}`, "--restart=Never");
  await waitFor(async () => ((await cluster.k("get", "pod", name, "-o", "jsonpath={.status.phase}")) === "Running" ? true : undefined), `${name} Running`, 40_000);
  return Date.now() - started;
}

const rowOf = async (name: string) => (await nodes(instructor)).body.nodes?.find((n) => n.name === name);

describe("cluster drills", () => {
  it("lists the nodes, control plane first, once the worker has registered them Ready", async () => {
    const listed = await waitFor(async () => {
      const rows = (await nodes(instructor)).body.nodes ?? [];
      return rows.length === 4 && rows.every((r) => r.status === "Ready") ? rows : undefined;
    }, "four Ready nodes", 60_000);
    expect(listed.map((n) => [n.name, n.controlPlane, n.phase])).toEqual([
      ["kubeclass-control-plane", true, "running"],
      ["kubeclass-worker", false, "running"],
      ["kubeclass-worker2", false, "running"],
      ["kubeclass-worker3", false, "running"],
    ]);
    expect((await nodes(coInstructor)).status).toBe(200);
  }, 90_000);

  it("refuses learners and anonymous callers, and leaves the node alone", async () => {
    for (const [actor, status] of [[learner, 403], [undefined, 401]] as const) {
      const refused = await power(actor, WORKER, { on: false });
      expect(refused.status).toBe(status);
      expect(typeof refused.body.error).toBe("string");
      expect((await nodes(actor)).status).toBe(status);
    }
    expect((await power(learner, WORKER, { on: false })).body.error).toBe("Only instructors can run cluster drills.");
    expect((await rowOf(WORKER))?.stopped).toBe(false);
  });

  it("never stops the control plane, and says what is wrong with a request", async () => {
    const refused = await power(instructor, "kubeclass-control-plane", { on: false });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/control plane cannot be stopped/);
    expect((await power(instructor, "no-such-node", { on: false })).status).toBe(404);
    expect((await power(instructor, "Not_A_Name", { on: false })).status).toBe(404);
    expect((await power(instructor, WORKER, { on: "off" })).status).toBe(400);
    expect((await rowOf("kubeclass-control-plane"))?.stopped).toBe(false);
  });

  it("sets the whole cluster's realism while it runs: slow motion, then instant again", async () => {
    for (const [actor, status] of [[learner, 403], [undefined, 401]] as const) expect((await setRealism(actor, { realism: "slow" })).status).toBe(status);
    expect((await setRealism(instructor, { realism: "ludicrous" })).body.error).toBe("Pick a realism level: instant, realistic, slow.");

    expect((await setRealism(instructor, { realism: "slow" })).body).toEqual({ realism: "slow" });
    shared.user = coInstructor;
    expect(await (await realismGet(new Request("http://kubeclass.test/api/cluster/realism"), undefined)).json()).toEqual({ realism: "slow" });
    // The worker started instant; now an image pull takes 8 s and a start 4 s.
    expect(await timeToRunning("slowmo", "slowmo-1")).toBeGreaterThanOrEqual(10_000);

    expect((await setRealism(coInstructor, { realism: "instant" })).body).toEqual({ realism: "instant" });
    expect(await timeToRunning("fast", "fast-1")).toBeLessThan(6_000);
  }, 90_000);

  it("powers a worker off: it goes NotReady once its heartbeats are missed, and Ready again when powered on", async () => {
    const stopped = await power(instructor, WORKER, { on: false });
    expect(stopped.status).toBe(200);
    expect(stopped.body.node).toMatchObject({ name: WORKER, stopped: true, phase: "stopping" });
    // The node lifecycle controller's grace is 4 heartbeats (4 s with this test's worker).
    const notReady = await waitFor(async () => {
      const row = await rowOf(WORKER);
      return row?.status === "NotReady" ? row : undefined;
    }, `${WORKER} NotReady`, 75_000);
    expect(notReady.phase).toBe("stopped");
    const node = await cluster.k("get", "node", WORKER, "-o", "jsonpath={.spec.taints[*].key}");
    expect(node).toContain("node.kubernetes.io/unreachable");
    // The other workers kept running.
    expect((await rowOf("kubeclass-worker3"))?.status).toBe("Ready");

    const started = await power(coInstructor, WORKER, { on: true });
    expect(started.status).toBe(200);
    expect(started.body.node?.stopped).toBe(false);
    const ready = await waitFor(async () => {
      const row = await rowOf(WORKER);
      return row?.status === "Ready" ? row : undefined;
    }, `${WORKER} Ready again`, 30_000);
    expect(ready.phase).toBe("running");
  }, 150_000);
});
