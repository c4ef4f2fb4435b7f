import { describe, expect, it } from "vitest";
import { resources } from "../controllers/runtime/resource-id";
import type { KubeObject } from "../store/object-store";
import { containerCommand } from "./container-env";
import type { ViewSource } from "./container-view";
import { expandReferences } from "./expand-references";

const env = new Map([["FIRSTNAME", "Nigel"], ["LASTNAME", "Poulton"], ["EMPTY", ""]]);
const expand = (text: string) => expandReferences(text, (name) => env.get(name));

describe("expandReferences", () => {
  it("replaces defined variables, as the kubelet does in command and args", () => {
    expect(expand("echo First name $(FIRSTNAME) last name $(LASTNAME)")).toBe("echo First name Nigel last name Poulton");
    expect(expand("$(FIRSTNAME)$(LASTNAME)")).toBe("NigelPoulton");
    expect(expand("[$(EMPTY)]")).toBe("[]");
  });

  it("leaves undefined references, shell variables and unclosed references as written", () => {
    expect(expand("$(MISSING) and $HOME and ${HOME}")).toBe("$(MISSING) and $HOME and ${HOME}");
    expect(expand("cost: 5$")).toBe("cost: 5$");
    expect(expand("$(FIRSTNAME")).toBe("$(FIRSTNAME");
  });

  it("reads $$ as an escaped $", () => {
    expect(expand("$$(FIRSTNAME) is $(FIRSTNAME)")).toBe("$(FIRSTNAME) is Nigel");
    expect(expand("$$$(FIRSTNAME)")).toBe("$Nigel");
  });
});

describe("containerCommand", () => {
  it("fills command and args from env drawn from a ConfigMap, as the book's startup-pod shows in its log", () => {
    const multimap: KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "multimap", namespace: "ns" }, data: { given: "Nigel", family: "Poulton" } };
    const source: ViewSource = {
      get: (resource, namespace, name) => (resource === resources.configmaps && namespace === "ns" && name === "multimap" ? multimap : undefined),
      list: () => [],
    };
    const pod: KubeObject = { apiVersion: "v1", kind: "Pod", metadata: { name: "startup-pod", namespace: "ns" } };
    const ref = (key: string) => ({ valueFrom: { configMapKeyRef: { name: "multimap", key } } });
    const started = containerCommand(source, pod, {
      name: "args1",
      image: "busybox",
      env: [{ name: "FIRSTNAME", ...ref("given") }, { name: "LASTNAME", ...ref("family") }],
      command: ["/bin/sh", "-c", "echo First name $(FIRSTNAME) last name $(LASTNAME)"],
      args: ["$(HOSTNAME)", "$(NOPE)"],
    });
    expect(started).toEqual({ command: ["/bin/sh", "-c", "echo First name Nigel last name Poulton"], args: ["startup-pod", "$(NOPE)"] });
  });
});
