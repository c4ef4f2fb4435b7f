import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { testKubectl } from "../testing/test-kubectl";

describe("kubectl config", () => {
  it("views the kubeconfig with secrets hidden, and --raw shows them", async () => {
    const k = await testKubectl({ namespace: "jane" });
    expect((await k.run("config view")).stdout).toBe(
      [
        "apiVersion: v1",
        "clusters:",
        "- cluster:",
        "    certificate-authority-data: DATA+OMITTED",
        "    server: https://kubeclass.test:6443",
        "  name: kubeclass",
        "contexts:",
        "- context:",
        "    cluster: kubeclass",
        "    namespace: jane",
        "    user: jane@example.com",
        "  name: kubeclass",
        "current-context: kubeclass",
        "kind: Config",
        "users:",
        "- name: jane@example.com",
        "  user:",
        "    token: REDACTED",
        "",
      ].join("\n"),
    );
    expect((await k.run("config view --raw")).stdout).toContain("token: secret-token");
  });

  it("sets the current context's namespace, which later commands use", async () => {
    const k = await testKubectl();
    expect(await k.run("config set-context --current --namespace=dev")).toEqual({ code: 0, stdout: 'Context "kubeclass" modified.\n', stderr: "" });
    const saved = parse(await k.fs.readFile(`${k.home}/.kube/config`)) as { contexts: { context: { namespace: string } }[] };
    expect(saved.contexts[0]?.context.namespace).toBe("dev");
    expect((await k.run("get pods")).stderr).toBe("No resources found in dev namespace.\n");
  });

  it("creates, lists, switches, renames and deletes contexts", async () => {
    const k = await testKubectl();
    expect((await k.run("config set-context other --cluster=kubeclass --namespace=x")).stdout).toBe('Context "other" created.\n');
    expect((await k.run("config use-context other")).stdout).toBe('Switched to context "other".\n');
    expect((await k.run("config current-context")).stdout).toBe("other\n");
    expect((await k.run("config get-contexts")).stdout).toBe(
      "CURRENT   NAME        CLUSTER     AUTHINFO           NAMESPACE\n          kubeclass   kubeclass   jane@example.com   default\n*         other       kubeclass                      x\n",
    );
    expect((await k.run("config use-context nope")).stderr).toBe('error: no context exists with the name: "nope"\n');
    expect((await k.run("config rename-context other o2")).stdout).toBe('Context "other" renamed to "o2".\n');
    const deleted = await k.run("config delete-context o2");
    expect(deleted.stderr).toContain("warning: this removed your active context");
    expect((await k.run("config get-contexts -o name")).stdout).toBe("kubeclass\n");
  });

  it("prints a command group's help on stderr and fails, and rejects unknown subcommands", async () => {
    const k = await testKubectl();
    const bare = await k.run("config");
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain("use-context");
    expect(await k.run("config foo")).toEqual({ code: 1, stdout: "", stderr: "error: unknown command \"foo\"\nSee 'kubectl config -h' for help and examples\n" });
  });
});
