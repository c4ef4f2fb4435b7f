import { describe, expect, it } from "vitest";
import { KubeClient } from "../client/kube-client";
import { testKubectl } from "../testing/test-kubectl";
import { Discovery } from "./discovery";
import { resolveArgs, resolveResource } from "./resolve-resource";

async function discovery() {
  const k = await testKubectl();
  let requests = 0;
  const client = new KubeClient({ serve: (r) => (requests++, k.deps.serve(r)) }, new AbortController().signal);
  return { d: new Discovery(client), requests: () => requests };
}

describe("resource resolution from discovery", () => {
  it("resolves plural, singular, short name, kind and group-qualified forms", async () => {
    const { d } = await discovery();
    for (const word of ["deployments", "deployment", "deploy", "Deployment", "deployments.apps", "deploy.apps", "deployments.v1.apps"]) {
      const [r] = await resolveResource(d, word);
      expect([r?.name, r?.group, r?.version], word).toEqual(["deployments", "apps", "v1"]);
    }
    expect((await resolveResource(d, "po"))[0]?.groupVersion).toBe("v1");
  });

  it("expands categories and rejects unknown types with kubectl's message", async () => {
    const { d } = await discovery();
    const all = (await resolveResource(d, "all")).map((r) => r.name);
    expect(all).toEqual(expect.arrayContaining(["pods", "services", "deployments", "replicasets"]));
    expect(all).not.toContain("configmaps");
    await expect(resolveResource(d, "nope")).rejects.toThrow(`the server doesn't have a resource type "nope"`);
  });

  it("splits argument lists and caches discovery for the run", async () => {
    const { d, requests } = await discovery();
    const list = await resolveArgs(d, ["pods,svc", "a", "b"]);
    expect(list.map((r) => [r.resource.name, r.names])).toEqual([["pods", ["a", "b"]], ["services", ["a", "b"]]]);
    const slashed = await resolveArgs(d, ["pod/a", "po/b", "svc/c"]);
    expect(slashed.map((r) => [r.resource.name, r.names])).toEqual([["pods", ["a", "b"]], ["services", ["c"]]]);
    const before = requests();
    await resolveArgs(d, ["deploy"]);
    expect(requests()).toBe(before);
    await expect(resolveArgs(d, ["pods", "pod/a"])).rejects.toThrow(/there is no need to specify a resource type as a separate argument/);
  });
});
