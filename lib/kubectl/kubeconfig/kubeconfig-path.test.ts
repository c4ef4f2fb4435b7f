import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { testKubectl } from "../testing/test-kubectl";

// `--kubeconfig team.kubeconfig` is a file in the working directory, as for real kubectl.
describe("a relative --kubeconfig", () => {
  it("reads and writes the file in the working directory, and messages name it as given", async () => {
    const k = await testKubectl();
    await k.fs.writeFile(
      `${k.home}/team.kubeconfig`,
      "apiVersion: v1\nkind: Config\nclusters: [{name: kubeclass, cluster: {server: https://kubeclass.test:6443}}]\n" +
        "users: [{name: mate, user: {}}]\ncontexts: [{name: team, context: {cluster: kubeclass, user: mate, namespace: team-a}}]\ncurrent-context: team\n",
    );
    expect((await k.run("config get-contexts --kubeconfig team.kubeconfig -o name")).stdout).toBe("team\n");
    expect((await k.run("get pods --kubeconfig team.kubeconfig")).stderr).toBe("No resources found in team-a namespace.\n");
    expect(await k.run("config set-context team --namespace dev --kubeconfig ./team.kubeconfig")).toEqual({ code: 0, stdout: 'Context "team" modified.\n', stderr: "" });
    const saved = parse(await k.fs.readFile(`${k.home}/team.kubeconfig`)) as { contexts: { context: { namespace: string } }[] };
    expect(saved.contexts[0]?.context.namespace).toBe("dev");
    expect((await k.run("config delete-context team --kubeconfig team.kubeconfig")).stdout).toBe("deleted context team from team.kubeconfig\n");
    // The default kubeconfig is untouched.
    expect((await k.run("config get-contexts -o name")).stdout).toBe("kubeclass\n");
  });
});
