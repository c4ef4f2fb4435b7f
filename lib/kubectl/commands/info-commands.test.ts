import { describe, expect, it } from "vitest";
import { testKubectl } from "../testing/test-kubectl";

describe("api-resources, api-versions, version, cluster-info, auth", () => {
  it("lists API resources by group then name, with filters and wide output", async () => {
    const k = await testKubectl();
    const out = (await k.run("api-resources")).stdout.split("\n");
    expect(out[0]).toMatch(/^NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND$/);
    expect(out.find((l) => l.startsWith("pods "))).toMatch(/^pods +po +v1 +true +Pod$/);
    expect(out.findIndex((l) => l.startsWith("pods "))).toBeLessThan(out.findIndex((l) => l.startsWith("deployments ")));
    expect((await k.run("api-resources --api-group=apps -o name")).stdout).toContain("deployments.apps\n");
    expect((await k.run("api-resources --namespaced=false -o name")).stdout).not.toContain("pods\n");
    expect((await k.run("api-resources -o wide")).stdout.split("\n")[0]).toMatch(/VERBS +CATEGORIES$/);
  });

  it("prints API versions sorted and the version of client and server", async () => {
    const k = await testKubectl();
    expect((await k.run("api-versions")).stdout.split("\n")).toEqual(expect.arrayContaining(["apps/v1", "v1"]));
    expect((await k.run("version")).stdout).toMatch(/^Client Version: v1\.35\.0\nKustomize Version: v5\.7\.1\nServer Version: v1\.\d+/);
    expect((await k.run("version --client")).stdout).toBe("Client Version: v1.35.0\nKustomize Version: v5.7.1\n");
    const json = JSON.parse((await k.run("version -o json")).stdout) as { clientVersion: { minor: string }; serverVersion: { major: string } };
    expect([json.clientVersion.minor, json.serverVersion.major]).toEqual(["35", "1"]);
  });

  it("prints cluster-info from the kubeconfig's server", async () => {
    const k = await testKubectl();
    expect((await k.run("cluster-info")).stdout).toMatch(/^Kubernetes control plane is running at https:\/\/kubeclass\.test:6443\n/);
  });

  it("answers auth can-i with yes or no and the exit code", async () => {
    const admin = await testKubectl();
    expect(await admin.run("auth can-i create pods")).toEqual({ code: 0, stdout: "yes\n", stderr: "" });
    const learner = await testKubectl({ user: { username: "bob", uid: "2", groups: ["system:authenticated"] } });
    const denied = await learner.run("auth can-i delete nodes");
    expect(denied.code).toBe(1);
    expect(denied.stdout).toMatch(/^no/);
    expect((await learner.run("auth can-i get widgets -q")).stderr).toBe("Warning: the server doesn't have a resource type 'widgets'\n\n");
    expect((await admin.run("auth can-i")).stderr).toContain("you must specify two arguments");
    expect((await admin.run("auth whoami")).stdout).toMatch(/^ATTRIBUTE +VALUE\nUsername +jane@example\.com\n/);
  });
});
