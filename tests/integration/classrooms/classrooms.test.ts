import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import type { KubeObject } from "@/lib/cluster/store/object-store";
import { learnerNamespaceName } from "@/lib/platform/tenancy/learner-namespace-name";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { addInstructor } from "@/lib/server/classrooms/add-instructor";
import { classroomDepsFor, type ClassroomDeps } from "@/lib/server/classrooms/classroom-deps";
import { classroomRoster } from "@/lib/server/classrooms/classroom-roster";
import { createClassroom, type CreatedClassroom } from "@/lib/server/classrooms/create-classroom";
import { joinClassroom } from "@/lib/server/classrooms/join-classroom";
import { listClassrooms } from "@/lib/server/classrooms/list-classrooms";
import { removeLearner } from "@/lib/server/classrooms/remove-learner";
import { resetLearnerNamespace } from "@/lib/server/classrooms/reset-learner-namespace";
import type { PrismaClient } from "@/lib/server/db/generated/prisma/client";
import { createPrismaClient } from "@/lib/server/db/prisma";
import { Conflict, Forbidden, Invalid, NotFound } from "@/lib/server/platform-errors";
import { startTestApiServer, type TestApiServer } from "../../support/api-server";
import { clusterAs, failure, platformUser } from "./classroom-support";

// Classrooms end to end against the real API server and Postgres: what the platform provisions, and what each
// person can then really do in the cluster, asked through the API as them.

let server: TestApiServer;
let prisma: PrismaClient;
let deps: ClassroomDeps;
let owner: PlatformUser;
let otherInstructor: PlatformUser;
let jane: PlatformUser;
let joe: PlatformUser;
let k8s: CreatedClassroom;
let other: CreatedClassroom;
let janeNs: string;
let joeNs: string;

const path = (apiVersion: string, plural: string, namespace?: string, name?: string, subresource?: string) =>
  InProcessClient.path(apiVersion, plural, namespace, name, subresource);
const deployment = (name: string) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name },
  spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } },
});
const roleBinding = (name: string, roleKind: "Role" | "ClusterRole", role: string, user: string) => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind: "RoleBinding",
  metadata: { name },
  roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: roleKind, name: role },
  subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: user }],
});

beforeAll(async () => {
  server = await startTestApiServer();
  prisma = createPrismaClient(server.databaseUrl);
  deps = classroomDepsFor(server.running.api, prisma);
  owner = await platformUser(prisma, "owner@school.test", "INSTRUCTOR");
  otherInstructor = await platformUser(prisma, "other@school.test", "INSTRUCTOR");
  jane = await platformUser(prisma, "jane.doe+k8s@school.test", "LEARNER");
  joe = await platformUser(prisma, "joe@school.test", "LEARNER");
  k8s = await createClassroom(deps, owner, { name: "Kubernetes 101" });
  other = await createClassroom(deps, otherInstructor, { name: "Kubernetes 101" });
  janeNs = (await joinClassroom(deps, jane, { inviteCode: k8s.inviteCode })).namespace;
  joeNs = (await joinClassroom(deps, joe, { inviteCode: k8s.inviteCode.toLowerCase() })).namespace;
});

afterAll(async () => {
  await prisma?.$disconnect();
  await server?.stop();
});

describe("creating and joining classrooms", () => {
  it("gives each classroom a unique slug and a readable invite code, its creator as instructor", async () => {
    expect(k8s.slug).toBe("kubernetes-101");
    expect(other.slug).toBe("kubernetes-101-2");
    expect(k8s.inviteCode).toMatch(/^[A-HJ-NP-Z2-9]{10}$/);
    expect(k8s.inviteCode).not.toBe(other.inviteCode);
    const membership = await prisma.membership.findUniqueOrThrow({ where: { userId_classroomId: { userId: owner.id, classroomId: k8s.id } } });
    expect(membership).toMatchObject({ role: "INSTRUCTOR", namespace: null });
  });

  it("refuses classrooms from learners and nameless ones", async () => {
    expect(await failure(createClassroom(deps, jane, { name: "mine" }))).toBeInstanceOf(Forbidden);
    expect(await failure(createClassroom(deps, owner, { name: "   " }))).toBeInstanceOf(Invalid);
  });

  it("provisions the learner's namespace with its bindings, quota and LimitRange", async () => {
    expect(janeNs).toMatch(/^kubernetes-101-jane-doe-[a-z0-9]{6}$/);
    const namespace = await deps.cluster.get(path("v1", "namespaces", undefined, janeNs));
    expect(namespace.metadata.labels).toMatchObject({ "kubeclass.io/classroom": "kubernetes-101", "kubeclass.io/learner": jane.id });
    const bindings = await deps.cluster.list(path("rbac.authorization.k8s.io/v1", "rolebindings", janeNs));
    const summary = Object.fromEntries(
      bindings.items.map((b: KubeObject): [string, string] => [
        b.metadata.name ?? "",
        `${(b.roleRef as { name: string }).name}: ${(b.subjects as { name: string }[]).map((s) => s.name).join(",")}`,
      ]),
    );
    expect(summary).toEqual({
      "learner-edit": "edit: jane.doe+k8s@school.test",
      "learner-rbac": "kubeclass:namespace-rbac: jane.doe+k8s@school.test",
      "instructors-admin": "admin: owner@school.test",
    });
    await deps.cluster.get(path("v1", "resourcequotas", janeNs, "learner-quota"));
    await deps.cluster.get(path("v1", "limitranges", janeNs, "learner-limits"));
    await deps.cluster.get(path("v1", "serviceaccounts", janeNs, "default"));
    expect(await prisma.membership.findUniqueOrThrow({ where: { userId_classroomId: { userId: jane.id, classroomId: k8s.id } } })).toMatchObject({
      role: "LEARNER",
      namespace: janeNs,
    });
  });

  it("treats a second join as a no-op that finishes an interrupted provisioning", async () => {
    const versions = async () =>
      Promise.all([path("v1", "resourcequotas", joeNs, "learner-quota"), path("v1", "limitranges", joeNs, "learner-limits"), path("v1", "namespaces", undefined, joeNs)].map(
        async (p) => (await deps.cluster.get(p)).metadata.resourceVersion,
      ));
    const before = await versions();
    await joinClassroom(deps, joe, { inviteCode: k8s.inviteCode });
    // What was already right is left alone (no rewrite of the quota, LimitRange or namespace).
    expect(await versions()).toEqual(before);
    // As if the process died after the membership and the namespace, before the rest.
    await deps.cluster.delete(path("v1", "limitranges", joeNs, "learner-limits"));
    await deps.cluster.delete(path("rbac.authorization.k8s.io/v1", "rolebindings", joeNs, "learner-edit"));
    const again = await joinClassroom(deps, joe, { inviteCode: k8s.inviteCode });
    expect(again).toMatchObject({ namespace: joeNs, alreadyMember: true, classroom: { id: k8s.id } });
    await deps.cluster.get(path("v1", "limitranges", joeNs, "learner-limits"));
    await deps.cluster.get(path("rbac.authorization.k8s.io/v1", "rolebindings", joeNs, "learner-edit"));
    expect(await prisma.membership.count({ where: { userId: joe.id } })).toBe(1);
  });

  it("provisions on the next join when the process died right after the membership row", async () => {
    const kim = await platformUser(prisma, "kim@school.test", "LEARNER");
    await prisma.membership.create({ data: { userId: kim.id, classroomId: k8s.id, role: "LEARNER", namespace: "kubernetes-101-kim-left-over" } });
    const joined = await joinClassroom(deps, kim, { inviteCode: k8s.inviteCode });
    expect(joined).toMatchObject({ namespace: "kubernetes-101-kim-left-over", alreadyMember: true });
    const bindings = await deps.cluster.list(path("rbac.authorization.k8s.io/v1", "rolebindings", joined.namespace));
    expect(bindings.items).toHaveLength(3);
    await removeLearner(deps, owner, { classroomId: k8s.id, userId: kim.id });
  });

  it("picks the next name when a namespace of that name belongs to something else", async () => {
    const lee = await platformUser(prisma, "lee@school.test", "LEARNER");
    const first = learnerNamespaceName({ classroomSlug: k8s.slug, email: lee.email, userId: lee.id });
    await deps.cluster.create(path("v1", "namespaces"), { metadata: { name: first } });
    const joined = await joinClassroom(deps, lee, { inviteCode: k8s.inviteCode });
    expect(joined).toMatchObject({ namespace: learnerNamespaceName({ classroomSlug: k8s.slug, email: lee.email, userId: lee.id }, 1), alreadyMember: false });
    expect((await deps.cluster.get(path("v1", "namespaces", undefined, joined.namespace))).metadata.labels).toMatchObject({ "kubeclass.io/learner": lee.id });
    expect((await joinClassroom(deps, lee, { inviteCode: k8s.inviteCode })).namespace).toBe(joined.namespace);
    await removeLearner(deps, owner, { classroomId: k8s.id, userId: lee.id });
  });

  it("joins once when the same learner joins twice at the same moment", async () => {
    const sam = await platformUser(prisma, "sam@school.test", "LEARNER");
    const [a, b] = await Promise.all([joinClassroom(deps, sam, { inviteCode: k8s.inviteCode }), joinClassroom(deps, sam, { inviteCode: k8s.inviteCode })]);
    expect(a.namespace).toBe(b.namespace);
    expect([a.alreadyMember, b.alreadyMember].sort()).toEqual([false, true]);
    await removeLearner(deps, owner, { classroomId: k8s.id, userId: sam.id });
  });

  it("provisions a class joining at the same moment, each learner their own namespace; a deleted account fails alone", async () => {
    const klass = await Promise.all(Array.from({ length: 12 }, (_, i) => platformUser(prisma, `burst-${i}@school.test`, "LEARNER")));
    // A session outliving its account: its membership row cannot be written, and only its join may fail.
    const gone: PlatformUser = { id: "deleted-account", email: "gone@school.test", name: "gone", role: "LEARNER" };
    const outcomes = await Promise.allSettled([gone, ...klass, klass[0]!].map((learner) => joinClassroom(deps, learner, { inviteCode: k8s.inviteCode })));
    expect(outcomes[0]?.status).toBe("rejected");
    const joined = outcomes.slice(1).map((o) => {
      if (o.status === "rejected") throw o.reason;
      return o.value;
    });
    // klass[0] joined twice in the same batch: one namespace, one first join.
    expect(joined[joined.length - 1]?.namespace).toBe(joined[0]?.namespace);
    expect([joined[0]?.alreadyMember, joined[joined.length - 1]?.alreadyMember].sort()).toEqual([false, true]);
    const namespaces = joined.slice(0, klass.length).map((j) => j.namespace);
    expect(new Set(namespaces).size).toBe(klass.length);
    const members = await prisma.membership.findMany({ where: { classroomId: k8s.id, userId: { in: klass.map((l) => l.id) } } });
    expect(members.map((m) => m.namespace).sort()).toEqual([...namespaces].sort());
    for (const [i, namespace] of namespaces.entries()) {
      const bindings = await deps.cluster.list(path("rbac.authorization.k8s.io/v1", "rolebindings", namespace));
      const edit = bindings.items.find((b) => (b.roleRef as { name: string }).name === "edit");
      expect(edit?.subjects).toEqual([{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: klass[i]?.email }]);
      expect((await deps.cluster.list(path("v1", "resourcequotas", namespace))).items).toHaveLength(1);
    }
    await Promise.all(klass.map((l) => removeLearner(deps, owner, { classroomId: k8s.id, userId: l.id })));
  });

  it("refuses unknown codes and instructors using a code, in sentences", async () => {
    const unknown = await failure(joinClassroom(deps, jane, { inviteCode: "ZZZZ-ZZZZ-ZZ" }));
    expect(unknown).toBeInstanceOf(NotFound);
    expect(unknown?.message).toBe("No classroom has the invite code ZZZZZZZZZZ. Check it with your instructor.");
    const instructor = await failure(joinClassroom(deps, otherInstructor, { inviteCode: k8s.inviteCode }));
    expect(instructor).toBeInstanceOf(Forbidden);
    expect(instructor?.message).toMatch(/Instructors are added to a classroom by its owner/);
  });

  it("lists a person's classrooms as teacher and as learner", async () => {
    const mine = await listClassrooms(deps, owner);
    expect(mine.teaching).toEqual([{ id: k8s.id, name: "Kubernetes 101", slug: "kubernetes-101", inviteCode: k8s.inviteCode, isOwner: true, learners: 2 }]);
    expect(mine.learning).toEqual([]);
    const janes = await listClassrooms(deps, jane);
    expect(janes.teaching).toEqual([]);
    expect(janes.learning).toMatchObject([{ id: k8s.id, namespace: janeNs }]);
  });
});

describe("the roster", () => {
  it("shows members with namespaces to the classroom's instructors and admins only", async () => {
    const roster = await classroomRoster(deps, owner, { classroomId: k8s.id });
    expect(roster.members.map((m) => [m.email, m.role, m.namespace, m.isOwner])).toEqual([
      ["owner@school.test", "INSTRUCTOR", null, true],
      ["jane.doe+k8s@school.test", "LEARNER", janeNs, false],
      ["joe@school.test", "LEARNER", joeNs, false],
    ]);
    const admin = await platformUser(prisma, "admin@school.test", "ADMIN");
    expect((await classroomRoster(deps, admin, { classroomId: k8s.id })).members).toHaveLength(3);
    expect(await failure(classroomRoster(deps, jane, { classroomId: k8s.id }))).toBeInstanceOf(Forbidden);
    expect(await failure(classroomRoster(deps, otherInstructor, { classroomId: k8s.id }))).toBeInstanceOf(Forbidden);
    expect(await failure(classroomRoster(deps, owner, { classroomId: "no-such-classroom" }))).toBeInstanceOf(NotFound);
  });

  it("lets only the class's instructors remove or reset learners", async () => {
    for (const op of [removeLearner, resetLearnerNamespace]) {
      expect(await failure(op(deps, joe, { classroomId: k8s.id, userId: jane.id }))).toBeInstanceOf(Forbidden);
      expect(await failure(op(deps, otherInstructor, { classroomId: k8s.id, userId: jane.id }))).toBeInstanceOf(Forbidden);
      expect(await failure(op(deps, owner, { classroomId: k8s.id, userId: owner.id }))).toBeInstanceOf(Invalid);
      expect(await failure(op(deps, owner, { classroomId: other.id, userId: jane.id }))).toBeInstanceOf(Forbidden);
    }
  });
});

describe("what a learner can do in the cluster", () => {
  it("creates a Deployment, a Role and a RoleBinding to it in their own namespace", async () => {
    const as = clusterAs(server.running.api, jane);
    await as.create(path("apps/v1", "deployments", janeNs), deployment("web"));
    await as.create(path("rbac.authorization.k8s.io/v1", "roles", janeNs), {
      metadata: { name: "pod-reader" },
      rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch"] }],
    });
    await as.create(path("rbac.authorization.k8s.io/v1", "rolebindings", janeNs), roleBinding("read-pods", "Role", "pod-reader", "friend@school.test"));
    await as.create(path("rbac.authorization.k8s.io/v1", "rolebindings", janeNs), roleBinding("friend-edit", "ClusterRole", "edit", "friend@school.test"));
  });

  it("cannot grant cluster-admin or admin, which hold more than they do", async () => {
    const as = clusterAs(server.running.api, jane);
    const bindings = path("rbac.authorization.k8s.io/v1", "rolebindings", janeNs);
    const clusterAdmin = await failure(as.create(bindings, roleBinding("sudo", "ClusterRole", "cluster-admin", jane.email)));
    expect(clusterAdmin).toMatchObject({ code: 403 });
    expect(clusterAdmin?.message).toMatch(/^rolebindings\.rbac\.authorization\.k8s\.io "sudo" is forbidden: user "jane\.doe\+k8s@school\.test" \(groups=\["kubeclass:learners" "system:authenticated"\]\) is attempting to grant RBAC permissions not currently held:/);
    const admin = await failure(as.create(bindings, roleBinding("admin", "ClusterRole", "admin", jane.email)));
    expect(admin).toMatchObject({ code: 403 });
    expect(admin?.message).toMatch(/localsubjectaccessreviews/);
    const escalate = await failure(as.create(path("rbac.authorization.k8s.io/v1", "roles", janeNs), {
      metadata: { name: "everything" },
      rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }],
    }));
    expect(escalate).toMatchObject({ code: 403 });
    expect(escalate?.message).toMatch(/^roles\.rbac\.authorization\.k8s\.io "everything" is forbidden: user .* is attempting to grant RBAC permissions not currently held/);
  });

  it("cannot change the quota or the LimitRange", async () => {
    const as = clusterAs(server.running.api, jane);
    const quota = await as.get(path("v1", "resourcequotas", janeNs, "learner-quota"));
    expect((quota.spec as { hard: Record<string, string> }).hard.pods).toBe("30");
    const patch = await failure(as.patch(path("v1", "resourcequotas", janeNs, "learner-quota"), { spec: { hard: { pods: "1000" } } }));
    expect(patch).toMatchObject({
      code: 403,
      message: `resourcequotas "learner-quota" is forbidden: User "${jane.email}" cannot patch resource "resourcequotas" in API group "" in the namespace "${janeNs}"`,
    });
    const remove = await failure(as.delete(path("v1", "limitranges", janeNs, "learner-limits")));
    expect(remove).toMatchObject({ code: 403 });
  });

  it("cannot read another learner's namespace", async () => {
    const as = clusterAs(server.running.api, jane);
    const list = await failure(as.list(path("v1", "pods", joeNs)));
    expect(list).toMatchObject({
      code: 403,
      reason: "Forbidden",
      message: `pods is forbidden: User "${jane.email}" cannot list resource "pods" in API group "" in the namespace "${joeNs}"`,
    });
    expect(await failure(as.create(path("v1", "configmaps", joeNs), { metadata: { name: "x" } }))).toMatchObject({ code: 403 });
  });

  it("lets the class's instructors read and write their learners' namespaces, and no other class's", async () => {
    const as = clusterAs(server.running.api, owner);
    expect((await as.list(path("apps/v1", "deployments", janeNs))).items.map((d) => d.metadata.name)).toEqual(["web"]);
    await as.create(path("v1", "configmaps", janeNs), { metadata: { name: "from-teacher" }, data: { hint: "look at the pods" } });
    expect((await as.list(path("v1", "namespaces"))).items.length).toBeGreaterThan(2);
    const outsider = clusterAs(server.running.api, otherInstructor);
    expect(await failure(outsider.list(path("v1", "pods", janeNs)))).toMatchObject({
      code: 403,
      message: `pods is forbidden: User "${otherInstructor.email}" cannot list resource "pods" in API group "" in the namespace "${janeNs}"`,
    });
  });
});

describe("roster management", () => {
  it("adds a co-instructor, who then gets admin in every learner namespace", async () => {
    const colleague = await platformUser(prisma, "colleague@school.test", "INSTRUCTOR");
    expect(await failure(clusterAs(server.running.api, colleague).list(path("v1", "pods", janeNs)))).toMatchObject({ code: 403 });
    expect(await failure(addInstructor(deps, otherInstructor, { classroomId: k8s.id, email: colleague.email }))).toBeInstanceOf(Forbidden);
    expect(await failure(addInstructor(deps, owner, { classroomId: k8s.id, email: "nobody@school.test" }))).toBeInstanceOf(NotFound);
    expect(await failure(addInstructor(deps, owner, { classroomId: k8s.id, email: joe.email }))).toBeInstanceOf(Invalid);
    const added = await addInstructor(deps, owner, { classroomId: k8s.id, email: " Colleague@School.test " });
    expect(added).toMatchObject({ instructor: { email: colleague.email }, namespacesUpdated: 2 });
    expect((await addInstructor(deps, owner, { classroomId: k8s.id, email: colleague.email })).namespacesUpdated).toBe(0);
    const as = clusterAs(server.running.api, colleague);
    for (const ns of [janeNs, joeNs]) expect((await as.list(path("v1", "pods", ns))).items).toEqual([]);
  });

  it("resets a namespace to what provisioning made, undoing the learner's changes to the platform's objects", async () => {
    const as = clusterAs(server.running.api, jane);
    await as.create(path("v1", "configmaps", janeNs), { metadata: { name: "notes" }, data: { a: "b" } });
    await as.create(path("v1", "serviceaccounts", janeNs), { metadata: { name: "robot" } });
    // The learner may rewrite their own edit binding (they hold edit): a reset puts it back.
    await as.patch(path("rbac.authorization.k8s.io/v1", "rolebindings", janeNs, "learner-edit"), {
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "friend@school.test" }],
    });
    await deps.cluster.delete(path("rbac.authorization.k8s.io/v1", "rolebindings", janeNs, "instructors-admin"));

    expect(await resetLearnerNamespace(deps, owner, { classroomId: k8s.id, userId: jane.id })).toEqual({ namespace: janeNs });
    const names = async (apiVersion: string, plural: string) => (await deps.cluster.list(path(apiVersion, plural, janeNs))).items.map((o) => o.metadata.name).sort();
    expect(await names("v1", "configmaps")).toEqual([]);
    expect(await names("apps/v1", "deployments")).toEqual([]);
    expect(await names("rbac.authorization.k8s.io/v1", "roles")).toEqual([]);
    expect(await names("v1", "serviceaccounts")).toEqual(["default"]);
    expect(await names("v1", "resourcequotas")).toEqual(["learner-quota"]);
    expect(await names("v1", "limitranges")).toEqual(["learner-limits"]);
    expect(await names("rbac.authorization.k8s.io/v1", "rolebindings")).toEqual(["instructors-admin", "learner-edit", "learner-rbac"]);
    const edit = await deps.cluster.get(path("rbac.authorization.k8s.io/v1", "rolebindings", janeNs, "learner-edit"));
    expect(edit.subjects).toEqual([{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: jane.email }]);
    const instructors = await deps.cluster.get(path("rbac.authorization.k8s.io/v1", "rolebindings", janeNs, "instructors-admin"));
    expect((instructors.subjects as { name: string }[]).map((s) => s.name)).toEqual(["colleague@school.test", "owner@school.test"]);
    // And the learner works as before.
    await as.create(path("v1", "configmaps", janeNs), { metadata: { name: "again" } });
  });

  it("removes a learner: membership gone, namespace terminating, access gone", async () => {
    expect(await removeLearner(deps, owner, { classroomId: k8s.id, userId: joe.id })).toEqual({ namespace: joeNs });
    expect(await prisma.membership.findUnique({ where: { userId_classroomId: { userId: joe.id, classroomId: k8s.id } } })).toBeNull();
    const namespace = await deps.cluster.get(path("v1", "namespaces", undefined, joeNs));
    expect(namespace.metadata.deletionTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((namespace.status as { phase?: string }).phase).toBe("Terminating");
    expect(await failure(clusterAs(server.running.api, joe).create(path("v1", "configmaps", joeNs), { metadata: { name: "x" } }))).toMatchObject({ code: 403 });
    expect(await failure(removeLearner(deps, owner, { classroomId: k8s.id, userId: joe.id }))).toBeInstanceOf(NotFound);
    // Rejoining while the old namespace is still being deleted says so.
    const rejoin = await failure(joinClassroom(deps, joe, { inviteCode: k8s.inviteCode }));
    expect(rejoin).toBeInstanceOf(Conflict);
    expect(rejoin?.message).toMatch(/still being deleted/);
  });
});
