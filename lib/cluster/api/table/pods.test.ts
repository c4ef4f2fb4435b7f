import type { ContainerStatus, Pod } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { podPrinter } from "./pods";

const now = new Date("2026-01-01T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString().replace(".000Z", "Z");

function pod(overrides: { spec?: Partial<NonNullable<Pod["spec"]>>; status?: Pod["status"]; deleting?: boolean }): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "web-7d4b9c-x2x9k",
      namespace: "dev",
      creationTimestamp: ago(600),
      ...(overrides.deleting ? { deletionTimestamp: ago(5) } : {}),
    },
    spec: { containers: [{ name: "web", image: "nginx:1.27" }], ...overrides.spec },
    status: overrides.status ?? {},
  };
}

const running = (name = "web", restartCount = 0): ContainerStatus => ({
  name,
  image: "nginx:1.27",
  imageID: "",
  ready: true,
  started: true,
  restartCount,
  state: { running: { startedAt: ago(300) } },
});

const waiting = (reason: string, restartCount = 0, name = "web"): ContainerStatus => ({
  name,
  image: "nginx:1.27",
  imageID: "",
  ready: false,
  started: false,
  restartCount,
  state: { waiting: { reason } },
});

const cells = (p: Pod) => podPrinter.cells(p, { now });

describe("pod printer", () => {
  it("declares kubectl's pod columns", () => {
    expect(podPrinter.columns.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ["Name", "string", "name", 0],
      ["Ready", "string", "", 0],
      ["Status", "string", "", 0],
      ["Restarts", "string", "", 0],
      ["Age", "string", "", 0],
      ["IP", "string", "", 1],
      ["Node", "string", "", 1],
      ["Nominated Node", "string", "", 1],
      ["Readiness Gates", "string", "", 1],
    ]);
  });

  it("Pending, not yet scheduled", () => {
    const p = pod({
      status: {
        phase: "Pending",
        conditions: [{ type: "PodScheduled", status: "False", reason: "Unschedulable" }],
      },
    });
    expect(cells(p)).toEqual([
      "web-7d4b9c-x2x9k",
      "0/1",
      "Pending",
      "0",
      "10m",
      "<none>",
      "<none>",
      "<none>",
      "<none>",
    ]);
  });

  it("ContainerCreating", () => {
    const p = pod({
      spec: { nodeName: "node-1" },
      status: { phase: "Pending", containerStatuses: [waiting("ContainerCreating")] },
    });
    expect(cells(p).slice(1, 4)).toEqual(["0/1", "ContainerCreating", "0"]);
    expect(cells(p)[6]).toBe("node-1");
  });

  it("Running 1/1 with IP and node", () => {
    const p = pod({
      spec: { nodeName: "node-1" },
      status: {
        phase: "Running",
        podIP: "10.244.1.5",
        podIPs: [{ ip: "10.244.1.5" }],
        conditions: [{ type: "Ready", status: "True" }],
        containerStatuses: [running()],
      },
    });
    expect(cells(p)).toEqual([
      "web-7d4b9c-x2x9k",
      "1/1",
      "Running",
      "0",
      "10m",
      "10.244.1.5",
      "node-1",
      "<none>",
      "<none>",
    ]);
  });

  it("CrashLoopBackOff shows restarts with the time of the last one", () => {
    const status: ContainerStatus = {
      ...waiting("CrashLoopBackOff", 3),
      lastState: { terminated: { exitCode: 1, reason: "Error", startedAt: ago(40), finishedAt: ago(25) } },
    };
    const p = pod({ status: { phase: "Running", containerStatuses: [status] } });
    expect(cells(p).slice(1, 5)).toEqual(["0/1", "CrashLoopBackOff", "3 (25s ago)", "10m"]);
  });

  it("restart times use HumanDuration (2m3s, 5m)", () => {
    const at = (seconds: number): ContainerStatus => ({
      ...running("web", 1),
      lastState: { terminated: { exitCode: 137, reason: "OOMKilled", finishedAt: ago(seconds) } },
    });
    expect(cells(pod({ status: { phase: "Running", containerStatuses: [at(123)] } }))[3]).toBe("1 (2m3s ago)");
    expect(cells(pod({ status: { phase: "Running", containerStatuses: [at(300)] } }))[3]).toBe("1 (5m ago)");
  });

  it("Completed, with the row condition kubectl uses for finished pods", () => {
    const p = pod({
      status: {
        phase: "Succeeded",
        containerStatuses: [
          {
            ...running(),
            ready: false,
            started: false,
            state: { terminated: { exitCode: 0, reason: "Completed", finishedAt: ago(60) } },
          },
        ],
      },
    });
    expect(cells(p).slice(1, 4)).toEqual(["0/1", "Completed", "0"]);
    expect(podPrinter.conditions?.(p)).toEqual([
      { type: "Completed", status: "True", reason: "Succeeded", message: "The pod has completed successfully." },
    ]);
  });

  it("Error, ExitCode and Signal for terminated containers", () => {
    const terminated = (t: { exitCode: number; reason?: string; signal?: number }): Pod =>
      pod({
        status: { phase: "Failed", containerStatuses: [{ ...running(), ready: false, state: { terminated: t } }] },
      });
    expect(cells(terminated({ exitCode: 1, reason: "Error" }))[2]).toBe("Error");
    expect(cells(terminated({ exitCode: 137 }))[2]).toBe("ExitCode:137");
    expect(cells(terminated({ exitCode: 137, signal: 9 }))[2]).toBe("Signal:9");
    expect(podPrinter.conditions?.(terminated({ exitCode: 1 }))?.[0]?.reason).toBe("Failed");
  });

  it("ErrImagePull and ImagePullBackOff", () => {
    const p = (reason: string) => pod({ status: { phase: "Pending", containerStatuses: [waiting(reason)] } });
    expect(cells(p("ErrImagePull")).slice(1, 3)).toEqual(["0/1", "ErrImagePull"]);
    expect(cells(p("ImagePullBackOff")).slice(1, 3)).toEqual(["0/1", "ImagePullBackOff"]);
  });

  describe("init containers", () => {
    const spec = {
      initContainers: [
        { name: "migrate", image: "busybox" },
        { name: "warmup", image: "busybox" },
      ],
    };

    it("Init:0/2 while the first runs", () => {
      const p = pod({
        spec,
        status: {
          phase: "Pending",
          conditions: [{ type: "Initialized", status: "False" }],
          initContainerStatuses: [{ ...running("migrate"), ready: false }, waiting("PodInitializing", 0, "warmup")],
          containerStatuses: [waiting("PodInitializing")],
        },
      });
      expect(cells(p).slice(1, 4)).toEqual(["0/1", "Init:0/2", "0"]);
    });

    it("Init:1/2 once the first has completed", () => {
      const p = pod({
        spec,
        status: {
          phase: "Pending",
          initContainerStatuses: [
            { ...running("migrate"), ready: false, state: { terminated: { exitCode: 0, reason: "Completed" } } },
            { ...running("warmup"), ready: false },
          ],
        },
      });
      expect(cells(p)[2]).toBe("Init:1/2");
    });

    it("Init:CrashLoopBackOff counts the init container's restarts", () => {
      const p = pod({
        spec,
        status: {
          phase: "Pending",
          initContainerStatuses: [
            {
              ...waiting("CrashLoopBackOff", 2, "migrate"),
              lastState: { terminated: { exitCode: 1, reason: "Error", finishedAt: ago(90) } },
            },
            waiting("PodInitializing", 0, "warmup"),
          ],
        },
      });
      expect(cells(p).slice(1, 4)).toEqual(["0/1", "Init:CrashLoopBackOff", "2 (90s ago)"]);
    });

    it("Init:Error and Init:ExitCode", () => {
      const failed = (t: { exitCode: number; reason?: string }) =>
        pod({
          spec,
          status: {
            phase: "Pending",
            initContainerStatuses: [{ ...running("migrate"), ready: false, state: { terminated: t } }],
          },
        });
      expect(cells(failed({ exitCode: 1, reason: "Error" }))[2]).toBe("Init:Error");
      expect(cells(failed({ exitCode: 2 }))[2]).toBe("Init:ExitCode:2");
    });

    it("a running sidecar (restartPolicy Always) counts as a ready container", () => {
      const p = pod({
        spec: { initContainers: [{ name: "proxy", image: "envoy", restartPolicy: "Always" }] },
        status: {
          phase: "Running",
          conditions: [
            { type: "Initialized", status: "True" },
            { type: "Ready", status: "True" },
          ],
          initContainerStatuses: [
            { ...running("proxy", 1), lastState: { terminated: { exitCode: 1, finishedAt: ago(30) } } },
          ],
          containerStatuses: [running()],
        },
      });
      expect(cells(p).slice(1, 4)).toEqual(["2/2", "Running", "1 (30s ago)"]);
    });
  });

  it("Terminating while deletion is pending, but not once the pod has finished", () => {
    const live = pod({ deleting: true, status: { phase: "Running", containerStatuses: [running()] } });
    expect(cells(live).slice(1, 3)).toEqual(["1/1", "Terminating"]);
    const done = pod({
      deleting: true,
      status: {
        phase: "Succeeded",
        containerStatuses: [
          { ...running(), ready: false, state: { terminated: { exitCode: 0, reason: "Completed" } } },
        ],
      },
    });
    expect(cells(done)[2]).toBe("Completed");
  });

  it("Unknown for a pod on a lost node being deleted; NodeLost before that", () => {
    const lost = (deleting: boolean) =>
      pod({ deleting, status: { phase: "Running", reason: "NodeLost", containerStatuses: [] } });
    expect(cells(lost(true))[2]).toBe("Unknown");
    expect(cells(lost(false))[2]).toBe("NodeLost");
  });

  it("Evicted and SchedulingGated come from the pod's reason and conditions", () => {
    expect(cells(pod({ status: { phase: "Failed", reason: "Evicted" } }))[2]).toBe("Evicted");
    const gated = pod({
      spec: { schedulingGates: [{ name: "example.com/wait" }] },
      status: { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated" }] },
    });
    expect(cells(gated)[2]).toBe("SchedulingGated");
  });

  it("sums restarts over containers and reports the earliest container's problem", () => {
    const p = pod({
      spec: {
        containers: [
          { name: "web", image: "nginx" },
          { name: "worker", image: "worker" },
        ],
      },
      status: {
        phase: "Running",
        containerStatuses: [
          { ...running("web", 1), lastState: { terminated: { exitCode: 1, finishedAt: ago(7200) } } },
          {
            ...waiting("CrashLoopBackOff", 4, "worker"),
            lastState: { terminated: { exitCode: 1, finishedAt: ago(45) } },
          },
        ],
      },
    });
    expect(cells(p).slice(1, 4)).toEqual(["1/2", "CrashLoopBackOff", "5 (45s ago)"]);
  });

  it("Running or NotReady when one container completed and another still runs", () => {
    const status = (ready: boolean): Pod["status"] => ({
      phase: "Running",
      conditions: [{ type: "Ready", status: ready ? "True" : "False" }],
      containerStatuses: [
        { ...running("job"), ready: false, state: { terminated: { exitCode: 0, reason: "Completed" } } },
        running("web"),
      ],
    });
    const spec = { containers: [{ name: "job" }, { name: "web" }] };
    expect(cells(pod({ spec, status: status(true) })).slice(1, 3)).toEqual(["1/2", "Running"]);
    expect(cells(pod({ spec, status: status(false) })).slice(1, 3)).toEqual(["1/2", "NotReady"]);
  });

  it("readiness gates and nominated node", () => {
    const p = pod({
      spec: { readinessGates: [{ conditionType: "example.com/lb" }, { conditionType: "example.com/dns" }] },
      status: {
        phase: "Pending",
        nominatedNodeName: "node-2",
        conditions: [
          { type: "example.com/lb", status: "True" },
          { type: "example.com/dns", status: "False" },
        ],
      },
    });
    expect(cells(p).slice(7)).toEqual(["node-2", "1/2"]);
  });

  it("AGE is <unknown> without a creation timestamp", () => {
    const p = pod({ status: { phase: "Pending" } });
    expect(cells({ ...p, metadata: { name: "web" } })[4]).toBe("<unknown>");
  });
});
