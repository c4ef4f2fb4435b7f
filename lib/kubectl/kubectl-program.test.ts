import { describe, expect, it } from "vitest";
import type { Command } from "./command";
import { CommandError } from "./errors";
import { testKubectl } from "./testing/test-kubectl";

const echo: Command = {
  name: "echo-ns",
  short: "Print the namespace",
  usage: "kubectl echo-ns",
  async run(ctx) {
    if (ctx.args[0] === "fail") throw new CommandError("it failed");
    if (ctx.args[0] === "missing") await ctx.client.get("/api/v1/namespaces/default/pods/nope");
    ctx.out(`${ctx.namespace} ${ctx.args.join(",")}\n`);
    return 0;
  },
};

describe("kubectlProgram", () => {
  it("dispatches with global flags before or after the command", async () => {
    const k = await testKubectl({ namespace: "dev", commands: [echo] });
    expect((await k.run("echo-ns a b")).stdout).toBe("dev a,b\n");
    expect((await k.run("-n other echo-ns a")).stdout).toBe("other a\n");
    expect((await k.run("echo-ns --namespace=x a --v=6")).stdout).toBe("x a\n");
  });

  it("prints kubectl's errors for unknown commands and flags", async () => {
    const k = await testKubectl({ commands: [echo] });
    expect(await k.run("echo-ns --foo")).toEqual({ code: 1, stdout: "", stderr: "error: unknown flag: --foo\nSee 'kubectl echo-ns --help' for usage.\n" });
    expect(await k.run("xyzzy")).toEqual({ code: 1, stdout: "", stderr: 'error: unknown command "xyzzy" for "kubectl"\n' });
    expect(await k.run("-n x gt")).toEqual({ code: 1, stdout: "", stderr: "Error: flags cannot be placed before plugin name: -n\n" });
    expect((await k.run("gt")).stderr).toBe('error: unknown command "gt" for "kubectl"\n\nDid you mean this?\n\tset\n\tget\n\tcp\n');
  });

  it("prints command errors and server Status errors", async () => {
    const k = await testKubectl({ commands: [echo] });
    expect(await k.run("echo-ns fail")).toEqual({ code: 1, stdout: "", stderr: "error: it failed\n" });
    expect(await k.run("echo-ns missing")).toEqual({ code: 1, stdout: "", stderr: 'Error from server (NotFound): pods "nope" not found\n' });
  });

  it("prints help for no command and for --help", async () => {
    const k = await testKubectl({ commands: [echo] });
    expect((await k.run([])).stdout).toContain("echo-ns");
    const help = await k.run("echo-ns --help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("kubectl echo-ns");
  });
});
