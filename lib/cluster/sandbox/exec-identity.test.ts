import { describe, expect, it } from "vitest";
import type { KubeObject } from "../store/object-store";
import { idOutput, whoamiOutput } from "./exec-identity";

const pod = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "ns" }, spec });

describe("id and whoami in a container", () => {
  it("are root when no securityContext says otherwise", () => {
    const p = pod({ containers: [{ name: "web", image: "nginx" }] });
    expect(idOutput(p, "web")).toBe("uid=0(root) gid=0(root) groups=0(root),10(wheel)\n");
    expect(whoamiOutput(p, "web")).toEqual({ stdout: "root\n", stderr: "", exitCode: 0 });
  });

  it("follow runAsUser, the container's over the Pod's, with root's group unless runAsGroup is set", () => {
    const p = pod({ securityContext: { runAsUser: 2000 }, containers: [{ name: "web", securityContext: { runAsUser: 1000 } }, { name: "side" }] });
    expect(idOutput(p, "web")).toBe("uid=1000 gid=0(root) groups=0(root)\n");
    expect(idOutput(p, "side")).toBe("uid=2000 gid=0(root) groups=0(root)\n");
    expect(whoamiOutput(p, "web")).toEqual({ stdout: "", stderr: "whoami: unknown uid 1000\n", exitCode: 1 });
  });

  it("list runAsGroup, fsGroup and supplementalGroups as the Kubernetes docs' example shows", () => {
    const p = pod({ securityContext: { runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000 }, containers: [{ name: "sec-ctx-demo" }] });
    expect(idOutput(p, "sec-ctx-demo")).toBe("uid=1000 gid=3000 groups=2000,3000\n");
    expect(whoamiOutput(pod({ containers: [{ name: "c", securityContext: { runAsUser: 65534 } }] }), "c").stdout).toBe("nobody\n");
  });
});
