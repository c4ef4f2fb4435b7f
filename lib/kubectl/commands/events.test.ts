import { describe, expect, it } from "vitest";
import { testKubectl, type testUser } from "../testing/test-kubectl";

const learner: typeof testUser = { username: "amy@example.com", uid: "7", groups: ["system:authenticated"] };

async function withEvents(options: { user?: typeof testUser } = {}) {
  const k = await testKubectl({ namespace: "dev", ...options });
  await k.admin.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
  const event = (name: string, fields: Record<string, unknown>) =>
    k.admin.create("/api/v1/namespaces/dev/events", {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace: "dev" },
      source: { component: "kubelet" },
      ...fields,
    });
  // Listed out of order: kubectl sorts by lastTimestamp.
  await event("web.2", {
    involvedObject: { kind: "Pod", name: "web", namespace: "dev" },
    type: "Warning",
    reason: "BackOff",
    message: "Back-off restarting failed container  ",
    count: 4,
    firstTimestamp: "2026-03-01T09:50:00Z",
    lastTimestamp: "2026-03-01T09:58:00Z",
  });
  await event("web.1", {
    involvedObject: { kind: "Pod", name: "web", namespace: "dev" },
    type: "Normal",
    reason: "Scheduled",
    message: "Successfully assigned dev/web to node-1",
    count: 1,
    firstTimestamp: "2026-03-01T09:49:00Z",
    lastTimestamp: "2026-03-01T09:49:00Z",
  });
  await event("api.1", {
    involvedObject: { kind: "Deployment", name: "api", namespace: "dev" },
    type: "Normal",
    reason: "ScalingReplicaSet",
    message: "Scaled up replica set api-5d8f to 2",
    count: 1,
    firstTimestamp: "2026-03-01T09:55:00Z",
    lastTimestamp: "2026-03-01T09:55:00Z",
  });
  return k;
}

describe("kubectl events", () => {
  it("lists the namespace's events oldest first", async () => {
    const k = await withEvents();
    expect(await k.run("events")).toEqual({
      code: 0,
      stderr: "",
      stdout: [
        "LAST SEEN          TYPE      REASON              OBJECT           MESSAGE",
        "11m                Normal    Scheduled           Pod/web          Successfully assigned dev/web to node-1",
        "5m                 Normal    ScalingReplicaSet   Deployment/api   Scaled up replica set api-5d8f to 2",
        "2m (x4 over 10m)   Warning   BackOff             Pod/web          Back-off restarting failed container",
        "",
      ].join("\n"),
    });
  });

  it("filters by --for and --types, and says when nothing is left", async () => {
    const k = await withEvents();
    expect((await k.run("events --for pod/web --types=warning")).stdout).toBe(
      "LAST SEEN          TYPE      REASON    OBJECT    MESSAGE\n2m (x4 over 10m)   Warning   BackOff   Pod/web   Back-off restarting failed container\n",
    );
    expect((await k.run("events --for deploy/api -o name")).stdout).toBe("event/api.1\n");
    expect(await k.run("events --for deploy/web")).toEqual({ code: 0, stdout: "", stderr: "No events found in dev namespace.\n" });
    expect(await k.run("events --types=Error")).toEqual({ code: 1, stdout: "", stderr: "error: valid --types are Normal or Warning\n" });
    expect((await k.run("events --for web")).stderr).toBe("error: --for must be in resource/name form\n");
  });

  it("lists every namespace with -A for those allowed to, with a NAMESPACE column", async () => {
    const admin = await withEvents();
    expect((await admin.run("events -A --types=Warning")).stdout).toBe(
      "NAMESPACE   LAST SEEN          TYPE      REASON    OBJECT    MESSAGE\ndev         2m (x4 over 10m)   Warning   BackOff   Pod/web   Back-off restarting failed container\n",
    );
    const k = await withEvents({ user: learner });
    expect(await k.run("events -A")).toEqual({
      code: 1,
      stdout: "",
      stderr: 'Error from server (Forbidden): events is forbidden: User "amy@example.com" cannot list resource "events" in API group "" at the cluster scope\n',
    });
  });
});
