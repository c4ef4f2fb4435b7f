import { describe, expect, it } from "vitest";
import { toYaml } from "../printers/yaml";
import { initialKubeconfig, testKubectl } from "../testing/test-kubectl";

// Expected outputs are real kubectl 1.35's for the same kubeconfigs (run against an unreachable server).
async function withConfig(edit: (config: ReturnType<typeof initialKubeconfig>) => void) {
  const k = await testKubectl({ namespace: "dev" });
  const config = initialKubeconfig("jane@example.com", "dev");
  edit(config);
  await k.fs.writeFile(`${k.home}/.kube/config`, toYaml(config));
  return k;
}

describe("a kubeconfig kubectl cannot use", () => {
  it("fails on a current-context that names no context, unless the command needs no server", async () => {
    const k = await withConfig((c) => (c["current-context"] = "missing"));
    const error = { code: 1, stdout: "", stderr: "Error in configuration: context was not found for specified context: missing\n" };
    expect(await k.run("get pods")).toEqual(error);
    expect(await k.run("create cm x --from-literal=a=b --dry-run=client -o name")).toEqual(error);
    expect(await k.run("api-resources")).toEqual(error);
    expect((await k.run("config current-context")).stdout).toBe("missing\n");
    expect((await k.run("version --client")).code).toBe(0);
    // -n skips the namespace lookup; with no context there is no cluster either, so client-go tries localhost:8080.
    expect(await k.run("get pods -n dev")).toEqual({
      code: 1,
      stdout: "",
      stderr: "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n",
    });
  });

  it("words a missing --context by whether the namespace came from it", async () => {
    const k = await withConfig(() => undefined);
    expect((await k.run("get pods --context nope")).stderr).toBe("Error in configuration: context was not found for specified context: nope\n");
    expect((await k.run("get pods --context nope -n dev")).stderr).toBe('error: context "nope" does not exist\n');
    expect((await k.run("get pods --context kubeclass")).stderr).toBe("No resources found in dev namespace.\n");
  });

  it("connects to localhost:8080 when the context's cluster is missing", async () => {
    const k = await withConfig((c) => (c.contexts[0]!.context.cluster = "gone"));
    expect(await k.run("get pods")).toEqual({
      code: 1,
      stdout: "",
      stderr: "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n",
    });
  });

  it("names a missing --cluster or --user", async () => {
    const k = await withConfig(() => undefined);
    expect((await k.run("get pods --cluster=nope")).stderr).toBe('error: no server found for cluster "nope"\n');
    expect((await k.run("get pods --cluster=nope -n dev")).stderr).toBe('error: cluster "nope" does not exist\n');
    expect((await k.run("get pods --user=nope")).stderr).toBe('error: auth info "nope" does not exist\n');
    // A command's own --user names a subject, not a kubeconfig user.
    await k.admin.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
    expect((await k.run("create rolebinding rb --clusterrole=view --user=nope")).stdout).toBe("rolebinding.rbac.authorization.k8s.io/rb created\n");
  });

  it("prompts for a username when the context's user is missing, and reads EOF", async () => {
    const k = await withConfig((c) => (c.contexts[0]!.context.user = "ghost"));
    expect(await k.run("get pods")).toEqual({ code: 1, stdout: "Please enter Username: ", stderr: "error: EOF\n" });
  });

  it("treats a missing ~/.kube/config as empty, and a missing --kubeconfig file as an error", async () => {
    const k = await testKubectl();
    expect((await k.run("get pods --kubeconfig nothing.yaml")).stderr).toBe("error: stat nothing.yaml: no such file or directory\n");
    expect((await k.run("config view --kubeconfig nothing.yaml -o jsonpath={.kind}")).stdout).toBe("Config");
    await k.fs.remove(`${k.home}/.kube/config`);
    expect((await k.run("get pods")).stderr).toBe(
      "The connection to the server localhost:8080 was refused - did you specify the right host or port?\n",
    );
  });
});
