import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { MemoryFs } from "@/lib/terminal/memory-fs";
import { adoptLearnerNamespace, currentNamespace, ensureTerminalHome, terminalKubeconfig } from "./terminal-kubeconfig";
import { homeUserName } from "./home-path";

describe("the terminal's kubeconfig", () => {
  it("names the API server, the learner and their namespace, and carries no credentials", () => {
    const config = parse(terminalKubeconfig({ serverUrl: "https://k.example:6443", email: "jane@example.org", namespace: "jane-x1" })) as Record<string, unknown>;
    expect(config).toEqual({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "kubeclass", cluster: { server: "https://k.example:6443" } }],
      users: [{ name: "jane@example.org", user: {} }],
      contexts: [{ name: "kubeclass", context: { cluster: "kubeclass", user: "jane@example.org", namespace: "jane-x1" } }],
      "current-context": "kubeclass",
      preferences: {},
    });
  });

  it("is written once: a learner's own edits are kept", async () => {
    const fs = new MemoryFs();
    await fs.mkdir("/home/jane", { parents: true });
    let built = 0;
    const make = () => {
      built += 1;
      return Promise.resolve(terminalKubeconfig({ serverUrl: "https://k:6443", email: "j@x", namespace: "first" }));
    };
    await ensureTerminalHome(fs, "/home/jane", make);
    expect(await currentNamespace(fs, "/home/jane/.kube/config")).toBe("first");
    await fs.writeFile("/home/jane/.kube/config", (await fs.readFile("/home/jane/.kube/config")).replace("namespace: first", "namespace: mine"));
    await ensureTerminalHome(fs, "/home/jane", make);
    expect(built).toBe(1);
    expect(await currentNamespace(fs, "/home/jane/.kube/config")).toBe("mine");
  });

  it("moves the kubeclass context from default to the learner's namespace once they have one, and leaves their own choice", async () => {
    const fs = new MemoryFs();
    await fs.mkdir("/home/jane/.kube", { parents: true });
    const path = "/home/jane/.kube/config";
    await fs.writeFile(path, terminalKubeconfig({ serverUrl: "https://k:6443", email: "j@x", namespace: "default" }));
    expect(await adoptLearnerNamespace(fs, path, "default")).toBe(false);
    expect(await adoptLearnerNamespace(fs, path, "k8s-jane")).toBe(true);
    expect(await currentNamespace(fs, path)).toBe("k8s-jane");
    expect(await adoptLearnerNamespace(fs, path, "other-class-jane")).toBe(false);
    expect(await currentNamespace(fs, path)).toBe("k8s-jane");
  });

  it("reads the current context's namespace as kubectl would, and nothing from a missing or broken file", async () => {
    const fs = new MemoryFs();
    await fs.mkdir("/k", { parents: true });
    await fs.writeFile("/k/none", "current-context: a\ncontexts:\n- name: a\n  context: {cluster: c}\n");
    expect(await currentNamespace(fs, "/k/none")).toBe("default");
    await fs.writeFile("/k/broken", "current-context: [");
    expect(await currentNamespace(fs, "/k/broken")).toBeUndefined();
    expect(await currentNamespace(fs, "/k/missing")).toBeUndefined();
  });
});

describe("homeUserName", () => {
  it("makes a Unix-like account name from an e-mail address", () => {
    expect(homeUserName("Jane.Doe+k8s@Example.org")).toBe("jane-doe-k8s");
    expect(homeUserName("42@example.org")).toBe("u42");
    expect(homeUserName("lena-abc123@e2e.local")).toBe("lena-abc123");
  });
});
