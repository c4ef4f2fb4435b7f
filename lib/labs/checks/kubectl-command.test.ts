import { describe, expect, it } from "vitest";
import { expandKubectlAlias, matchesKubectl } from "./kubectl-command";

describe("matchesKubectl", () => {
  it("accepts resource aliases, slashes and flags before the verb", () => {
    expect(matchesKubectl("kubectl -n ns scale deploy/web --replicas=5", { verb: "scale", resource: "deployment" })).toBe(true);
    expect(matchesKubectl("kubectl get po,svc -o wide", { verb: "get", resource: "services" })).toBe(true);
    expect(matchesKubectl("kubectl rollout undo deployment web", { verb: "rollout undo", resource: "deploy" })).toBe(true);
    expect(matchesKubectl("clear && kubectl apply -f deploy.yml", { verb: "apply" })).toBe(true);
  });
  it("rejects other verbs, resources and non-kubectl lines", () => {
    expect(matchesKubectl("kubectl get deploy", { verb: "scale", resource: "deployment" })).toBe(false);
    expect(matchesKubectl("kubectl get pods -n deploy", { verb: "get", resource: "deployment" })).toBe(false);
    expect(matchesKubectl("echo scale deploy", { verb: "scale" })).toBe(false);
    expect(matchesKubectl("kubectl rollout status deploy/web", { verb: "rollout undo" })).toBe(false);
  });
});

describe("expandKubectlAlias", () => {
  it("spells out k where it starts a command, and nowhere else", () => {
    expect(expandKubectlAlias("k rollout status deploy/web")).toBe("kubectl rollout status deploy/web");
    expect(expandKubectlAlias("k get po | grep web && k logs web")).toBe("kubectl get po | grep web && kubectl logs web");
    expect(expandKubectlAlias("  k")).toBe("  kubectl");
    expect(expandKubectlAlias("kubectl get pods -l k=v")).toBe("kubectl get pods -l k=v");
    expect(expandKubectlAlias("echo k rollout; kill 1")).toBe("echo k rollout; kill 1");
  });
});
