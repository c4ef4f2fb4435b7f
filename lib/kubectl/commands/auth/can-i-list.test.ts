import { describe, expect, it } from "vitest";
import { testKubectl, type testUser } from "../../testing/test-kubectl";

const learner: typeof testUser = { username: "amy@example.com", uid: "7", groups: ["system:authenticated"] };

describe("kubectl auth can-i --list", () => {
  it("prints the caller's rules in the namespace as kubectl compacts and sorts them", async () => {
    const k = await testKubectl({ user: learner, namespace: "dev" });
    await k.admin.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
    await k.admin.create("/apis/rbac.authorization.k8s.io/v1/namespaces/dev/roles", {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "reader", namespace: "dev" },
      rules: [
        { apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list"] },
        { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get"] },
        { apiGroups: ["apps"], resources: ["deployments"], verbs: ["watch", "get"] },
        { apiGroups: [""], resources: ["configmaps"], resourceNames: ["app-config"], verbs: ["get"] },
      ],
    });
    await k.admin.create("/apis/rbac.authorization.k8s.io/v1/namespaces/dev/rolebindings", {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "amy-reader", namespace: "dev" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "reader" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "User", name: "amy@example.com" }],
    });
    const result = await k.run("auth can-i --list");
    expect(result.stderr).toBe("");
    const lines = result.stdout.split("\n");
    expect(lines[0]).toMatch(/^Resources\s{3,}Non-Resource URLs\s{3}Resource Names\s{3}Verbs$/);
    const rows = lines.slice(1).map((l) => l.split(/\s{3,}/).join(" | "));
    // Sorted by the rule's Go String() ("&PolicyRule{Verbs:[get list],APIGroups:[],Resources:[pods/log],…"):
    // verbs first, and "[get list]" < "[get watch]" < "[get]", "pods/log]" < "pods]" in byte order.
    expect(rows.filter((r) => /pods|deployments|configmaps/.test(r))).toEqual([
      "pods/log | [] | [] | [get list]",
      "pods | [] | [] | [get list]",
      "deployments.apps | [] | [] | [get watch]",
      "configmaps | [] | [app-config] | [get]",
    ]);
    // Discovery and self-review rules come from the system:basic-user and system:discovery ClusterRoles.
    expect(rows).toContain("selfsubjectaccessreviews.authorization.k8s.io | [] | [] | [create]");
    expect(rows).toContain(" | [/api] | [] | [get]");
    expect((await k.run("auth can-i --list --no-headers -n elsewhere")).stdout.split("\n")[0]).not.toContain("Resources");
  });

  it("takes no arguments", async () => {
    const k = await testKubectl();
    expect(await k.run("auth can-i --list get pods")).toEqual({ code: 1, stdout: "", stderr: "error: list option must be specified with no arguments\n" });
  });
});
