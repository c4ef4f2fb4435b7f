import { describe, expect, it } from "vitest";
import { createRbacAuthorizer } from "./rbac-authorizer";
import { clusterRole, clusterRoleBinding, roleBinding, roleRef, userSubject } from "./rbac-objects";
import { staticRbacSource, type RbacSource } from "./rbac-source";
import type { RequestAttributes, UserInfo } from "./user-info";

const person = (username: string): UserInfo => ({ username, uid: "", groups: ["system:authenticated"] });
const get = (user: UserInfo, resource: string, namespace: string): RequestAttributes => ({
  kind: "resource",
  user,
  verb: "get",
  group: "",
  version: "v1",
  resource,
  subresource: "",
  namespace,
  name: "",
});

/** A source over fixed objects that counts binding walks and reports the generation it is told. */
function countingSource(generation: { value: number | undefined }) {
  const inner = staticRbacSource({
    clusterRoles: [clusterRole("pod-reader", [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }])],
    clusterRoleBindings: [clusterRoleBinding("everyone-reads-pods", roleRef("ClusterRole", "pod-reader"), [userSubject("ann")])],
    roleBindings: [
      roleBinding("ns", "broken", roleRef("ClusterRole", "missing"), [userSubject("ann")]),
      roleBinding("ns", "reader", roleRef("ClusterRole", "pod-reader"), [userSubject("ben")]),
    ],
  });
  const walks = { count: 0 };
  const source: RbacSource = {
    ...inner,
    clusterRoleBindings: () => {
      walks.count++;
      return inner.clusterRoleBindings();
    },
    generation: () => generation.value,
  };
  return { source, walks };
}

describe("resolved rules, memoised per generation", () => {
  it("walks the bindings once per user and namespace while the generation holds", async () => {
    const generation = { value: 1 as number | undefined };
    const { source, walks } = countingSource(generation);
    const authz = createRbacAuthorizer(source);
    const ann = person("ann");
    for (let i = 0; i < 3; i++) expect((await authz.check(get(ann, "pods", "ns"))).decision).toBe("Allow");
    expect(walks.count).toBe(1);
    expect((await authz.check(get(person("ben"), "pods", "ns"))).decision).toBe("Allow");
    expect((await authz.check(get(ann, "pods", "other"))).decision).toBe("Allow");
    expect(walks.count).toBe(3);

    generation.value = 2;
    await authz.check(get(ann, "pods", "ns"));
    expect(walks.count).toBe(4);
    generation.value = undefined;
    await authz.check(get(ann, "pods", "ns"));
    await authz.check(get(ann, "pods", "ns"));
    expect(walks.count).toBe(6);
  });

  it("replays the same answers, errors included, as a fresh walk gives", async () => {
    const memo = createRbacAuthorizer(countingSource({ value: 7 }).source);
    const fresh = createRbacAuthorizer(countingSource({ value: undefined }).source);
    const cases = [get(person("ann"), "secrets", "ns"), get(person("ann"), "pods", "ns"), get(person("ben"), "pods", "elsewhere")];
    for (const attrs of cases) {
      const expected = await fresh.authorize(attrs);
      expect(await memo.authorize(attrs)).toEqual(expected);
      expect(await memo.authorize(attrs)).toEqual(expected);
    }
    expect(await memo.authorize(cases[0]!)).toMatchObject({ allowed: false, reason: expect.stringContaining('clusterrole.rbac.authorization.k8s.io "missing" not found') as string });
  });
});
