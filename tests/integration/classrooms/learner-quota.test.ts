import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import type { KubeObject } from "@/lib/cluster/store/object-store";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { classroomDepsFor, type ClassroomDeps } from "@/lib/server/classrooms/classroom-deps";
import { createClassroom } from "@/lib/server/classrooms/create-classroom";
import { joinClassroom } from "@/lib/server/classrooms/join-classroom";
import type { PrismaClient } from "@/lib/server/db/generated/prisma/client";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { useControllerCluster } from "../../support/controller-cluster";
import { waitFor } from "../../support/processes";
import { clusterAs, failure, platformUser } from "./classroom-support";

// The quota and LimitRange a learner namespace is provisioned with, doing their job with the controllers running
// in a real worker: defaults on pods that name no resources, Kubernetes' "exceeded quota" refusals, and a
// Deployment that cannot get all its pods saying why. The pod count is exact: the resource quota controller in
// the worker never gives back a charge for a pod its informer has not seen yet (resourcequota-lagging-cache.test.ts).
const cluster = useControllerCluster({ timeoutMs: 60_000 });
const path = (apiVersion: string, plural: string, namespace?: string, name?: string, subresource?: string) =>
  InProcessClient.path(apiVersion, plural, namespace, name, subresource);

let prisma: PrismaClient;
let deps: ClassroomDeps;
let learner: PlatformUser;
let as: InProcessClient;
let ns: string;

type Condition = { type: string; status: string; reason?: string; message?: string };
const conditionsOf = (object: KubeObject) => ((object.status as { conditions?: Condition[] } | undefined)?.conditions ?? []);
const pod = (name: string) => ({ apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { containers: [{ name: "app", image: "nginx:1.27" }] } });

beforeAll(async () => {
  prisma = createPrismaClient(cluster.server.databaseUrl);
  deps = classroomDepsFor(cluster.server.running.api, prisma);
  const teacher = await platformUser(prisma, "teacher@school.test", "INSTRUCTOR");
  learner = await platformUser(prisma, "ada@school.test", "LEARNER");
  const classroom = await createClassroom(deps, teacher, { name: "Quota class" });
  ns = (await joinClassroom(deps, learner, { inviteCode: classroom.inviteCode })).namespace;
  as = clusterAs(cluster.server.running.api, learner);
});

afterAll(async () => {
  await prisma?.$disconnect();
});

describe("a provisioned learner namespace's quota and LimitRange", () => {
  it("gives a pod without resources the LimitRange defaults", async () => {
    const created = await as.create(path("v1", "pods", ns), pod("bare"));
    const spec = created.spec as { containers: { resources?: unknown }[] };
    expect(spec.containers[0]?.resources).toEqual({ limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "100m", memory: "64Mi" } });
    expect(created.metadata.annotations).toMatchObject({ "kubernetes.io/limit-ranger": expect.stringMatching(/LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app/) as unknown });
  });

  it("stops a Deployment at the pod quota: ReplicaSet FailedCreate, Deployment ReplicaFailure, 'exceeded quota'", async () => {
    await as.create(path("apps/v1", "deployments", ns), {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "hello-deploy" },
      spec: { replicas: 10, selector: { matchLabels: { app: "hello" } }, template: { metadata: { labels: { app: "hello" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } },
    });
    await waitFor(async () => ((await as.list(path("v1", "pods", ns))).items.length === 11 ? true : undefined), "10 replicas and the bare pod");
    // Past the quota of 30 pods: 1 bare + 35 wanted.
    await as.patch(path("apps/v1", "deployments", ns, "hello-deploy", "scale"), { spec: { replicas: 35 } });
    const failed = await waitFor(async () => {
      const deployment = await as.get(path("apps/v1", "deployments", ns, "hello-deploy"));
      return conditionsOf(deployment).find((c) => c.type === "ReplicaFailure" && c.status === "True");
    }, "a ReplicaFailure condition on the Deployment", 40_000);
    expect(failed.reason).toBe("FailedCreate");
    expect(failed.message).toMatch(/^pods "hello-deploy-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: learner-quota, requested: pods=1, used: pods=30, limited: pods=30$/);
    const [replicaSet] = (await as.list(path("apps/v1", "replicasets", ns))).items;
    expect(conditionsOf(replicaSet!)).toContainEqual(expect.objectContaining({ type: "ReplicaFailure", status: "True", reason: "FailedCreate" }));
    const events = await as.list(path("v1", "events", ns), { fieldSelector: `involvedObject.name=${replicaSet!.metadata.name}` });
    expect(events.items.map((e) => `${e.reason as string}: ${e.message as string}`)).toContainEqual(expect.stringMatching(/^FailedCreate: Error creating: pods ".*" is forbidden: exceeded quota: learner-quota/));
    expect((await as.list(path("v1", "pods", ns))).items).toHaveLength(30);
    const quota = await as.get(path("v1", "resourcequotas", ns, "learner-quota"));
    expect((quota.status as { used: Record<string, string> }).used).toMatchObject({ pods: "30" });
  }, 60_000);

  it("refuses a bare pod past the quota with Kubernetes' 403", async () => {
    const refused = await failure(as.create(path("v1", "pods", ns), pod("x")));
    expect(refused).toMatchObject({ code: 403, reason: "Forbidden" });
    expect(refused?.message).toBe('pods "x" is forbidden: exceeded quota: learner-quota, requested: pods=1, used: pods=30, limited: pods=30');
  });
});
