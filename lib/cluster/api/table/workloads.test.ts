import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from "kubernetes-types/apps/v1";
import type { CronJob, Job } from "kubernetes-types/batch/v1";
import { describe, expect, it } from "vitest";
import {
  cronJobPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  jobPrinter,
  replicaSetPrinter,
  statefulSetPrinter,
} from "./workloads";

const now = new Date("2026-01-01T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString().replace(".000Z", "Z");
const meta = (name: string, seconds = 3600) => ({ name, namespace: "dev", creationTimestamp: ago(seconds) });
const template = {
  metadata: { labels: { app: "web" } },
  spec: {
    containers: [
      { name: "web", image: "nginx:1.27" },
      { name: "log", image: "fluent-bit:3" },
    ],
  },
};
const header = (printer: { columns: { name: string; priority: number }[] }) =>
  printer.columns.map((c) => (c.priority ? `${c.name}*` : c.name));

describe("deployments", () => {
  it("columns", () => {
    expect(header(deploymentPrinter)).toEqual([
      "Name",
      "Ready",
      "Up-to-date",
      "Available",
      "Age",
      "Containers*",
      "Images*",
      "Selector*",
    ]);
  });

  it("mid-rollout: READY ready/desired, UP-TO-DATE and AVAILABLE as integers", () => {
    const d: Deployment = {
      metadata: meta("web"),
      spec: { replicas: 5, selector: { matchLabels: { app: "web" } }, template },
      status: { replicas: 6, updatedReplicas: 2, readyReplicas: 4, availableReplicas: 4, unavailableReplicas: 2 },
    };
    expect(deploymentPrinter.cells(d, { now })).toEqual([
      "web",
      "4/5",
      2,
      4,
      "60m",
      "web,log",
      "nginx:1.27,fluent-bit:3",
      "app=web",
    ]);
  });

  it("just created: no status yet", () => {
    const d: Deployment = {
      metadata: meta("api", 3),
      spec: { replicas: 3, selector: { matchLabels: { app: "api", tier: "be" } }, template },
    };
    expect(deploymentPrinter.cells(d, { now }).slice(1, 5)).toEqual(["0/3", 0, 0, "3s"]);
    expect(deploymentPrinter.cells(d, { now })[7]).toBe("app=api,tier=be");
  });
});

describe("replicasets", () => {
  it("DESIRED CURRENT READY, wide selector", () => {
    const rs: ReplicaSet = {
      metadata: meta("web-6d4cf56db6", 7200),
      spec: { replicas: 3, selector: { matchLabels: { app: "web", "pod-template-hash": "6d4cf56db6" } }, template },
      status: { replicas: 3, readyReplicas: 2 },
    };
    expect(header(replicaSetPrinter)).toEqual([
      "Name",
      "Desired",
      "Current",
      "Ready",
      "Age",
      "Containers*",
      "Images*",
      "Selector*",
    ]);
    expect(replicaSetPrinter.cells(rs, { now })).toEqual([
      "web-6d4cf56db6",
      3,
      3,
      2,
      "120m",
      "web,log",
      "nginx:1.27,fluent-bit:3",
      "app=web,pod-template-hash=6d4cf56db6",
    ]);
  });

  it("an old ReplicaSet scaled to zero", () => {
    const rs: ReplicaSet = {
      metadata: meta("web-5f7b", 3 * 86400),
      spec: { replicas: 0, selector: {}, template },
      status: { replicas: 0 },
    };
    expect(replicaSetPrinter.cells(rs, { now }).slice(1, 5)).toEqual([0, 0, 0, "3d"]);
  });
});

describe("statefulsets", () => {
  it("READY ready/desired; wide CONTAINERS IMAGES", () => {
    const sts: StatefulSet = {
      metadata: meta("db", 90),
      spec: { replicas: 3, serviceName: "db", selector: { matchLabels: { app: "db" } }, template },
      status: { replicas: 2, readyReplicas: 1 },
    };
    expect(header(statefulSetPrinter)).toEqual(["Name", "Ready", "Age", "Containers*", "Images*"]);
    expect(statefulSetPrinter.cells(sts, { now })).toEqual(["db", "1/3", "90s", "web,log", "nginx:1.27,fluent-bit:3"]);
  });
});

describe("daemonsets", () => {
  it("counts, NODE SELECTOR and the wide selector", () => {
    const ds: DaemonSet = {
      metadata: meta("node-exporter", 86400 * 10),
      spec: {
        selector: { matchLabels: { app: "node-exporter" } },
        template: { ...template, spec: { ...template.spec, nodeSelector: { "kubernetes.io/os": "linux" } } },
      },
      status: {
        desiredNumberScheduled: 3,
        currentNumberScheduled: 3,
        numberReady: 2,
        updatedNumberScheduled: 3,
        numberAvailable: 2,
        numberMisscheduled: 0,
      },
    };
    expect(header(daemonSetPrinter)).toEqual([
      "Name",
      "Desired",
      "Current",
      "Ready",
      "Up-to-date",
      "Available",
      "Node Selector",
      "Age",
      "Containers*",
      "Images*",
      "Selector*",
    ]);
    expect(daemonSetPrinter.cells(ds, { now })).toEqual([
      "node-exporter",
      3,
      3,
      2,
      3,
      2,
      "kubernetes.io/os=linux",
      "10d",
      "web,log",
      "nginx:1.27,fluent-bit:3",
      "app=node-exporter",
    ]);
    const noSelector = { ...ds, spec: { ...ds.spec!, template } } as DaemonSet;
    expect(daemonSetPrinter.cells(noSelector, { now })[6]).toBe("<none>");
  });
});

describe("jobs", () => {
  const job = (spec: Partial<NonNullable<Job["spec"]>>, status: Job["status"], deleting = false): Job => ({
    metadata: { ...meta("backup", 600), ...(deleting ? { deletionTimestamp: ago(1) } : {}) },
    spec: {
      template: { spec: { containers: [{ name: "backup", image: "busybox" }], restartPolicy: "Never" } },
      ...spec,
    },
    status,
  });

  it("STATUS COMPLETIONS DURATION AGE", () => {
    expect(header(jobPrinter)).toEqual([
      "Name",
      "Status",
      "Completions",
      "Duration",
      "Age",
      "Containers*",
      "Images*",
      "Selector*",
    ]);
  });

  it("a running job: duration so far", () => {
    const j = job({ completions: 3, parallelism: 1 }, { startTime: ago(123), active: 1, succeeded: 1 });
    expect(jobPrinter.cells(j, { now })).toEqual([
      "backup",
      "Running",
      "1/3",
      "2m3s",
      "10m",
      "backup",
      "busybox",
      "<none>",
    ]);
  });

  it("a completed job: completion minus start", () => {
    const j = job(
      { completions: 1, selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "8f1c" } } },
      {
        startTime: ago(600),
        completionTime: ago(540),
        succeeded: 1,
        conditions: [
          { type: "SuccessCriteriaMet", status: "True" },
          { type: "Complete", status: "True" },
        ],
      },
    );
    expect(jobPrinter.cells(j, { now })).toEqual([
      "backup",
      "Complete",
      "1/1",
      "60s",
      "10m",
      "backup",
      "busybox",
      "batch.kubernetes.io/controller-uid=8f1c",
    ]);
  });

  it("completions without spec.completions; failed, suspended, terminating; not started", () => {
    expect(jobPrinter.cells(job({ parallelism: 2 }, { succeeded: 0 }), { now }).slice(1, 4)).toEqual([
      "Running",
      "0/1 of 2",
      "",
    ]);
    expect(jobPrinter.cells(job({}, { failed: 1, conditions: [{ type: "Failed", status: "True" }] }), { now })[1]).toBe(
      "Failed",
    );
    expect(
      jobPrinter.cells(job({ suspend: true }, { conditions: [{ type: "Suspended", status: "True" }] }), { now })[1],
    ).toBe("Suspended");
    expect(jobPrinter.cells(job({}, { active: 1 }, true), { now })[1]).toBe("Terminating");
    expect(jobPrinter.cells(job({}, { conditions: [{ type: "FailureTarget", status: "True" }] }), { now })[1]).toBe(
      "FailureTarget",
    );
  });
});

describe("cronjobs", () => {
  it("SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE", () => {
    const cj: CronJob = {
      metadata: meta("report", 86400 * 2 + 3600 * 5),
      spec: {
        schedule: "*/5 * * * *",
        suspend: false,
        jobTemplate: { spec: { template: { spec: { containers: [{ name: "report", image: "busybox:1.36" }] } } } },
      },
      status: { active: [{ kind: "Job", name: "report-29000000" }], lastScheduleTime: ago(180) },
    };
    expect(header(cronJobPrinter)).toEqual([
      "Name",
      "Schedule",
      "Timezone",
      "Suspend",
      "Active",
      "Last Schedule",
      "Age",
      "Containers*",
      "Images*",
      "Selector*",
    ]);
    expect(cronJobPrinter.cells(cj, { now })).toEqual([
      "report",
      "*/5 * * * *",
      "<none>",
      "False",
      1,
      "3m",
      "2d5h",
      "report",
      "busybox:1.36",
      "<none>",
    ]);
    const never: CronJob = { ...cj, spec: { ...cj.spec!, timeZone: "Europe/Paris", suspend: true }, status: {} };
    expect(cronJobPrinter.cells(never, { now }).slice(2, 6)).toEqual(["Europe/Paris", "True", 0, "<none>"]);
  });
});
