import type { ClusterRoleBinding, RoleBinding } from "kubernetes-types/rbac/v1";
import type { Event, Node, ResourceQuota } from "kubernetes-types/core/v1";
import { describe, expect, it } from "vitest";
import { eventPrinter } from "./events";
import { configMapPrinter, namespacePrinter, resourceQuotaPrinter, secretPrinter, serviceAccountPrinter } from "./misc";
import { nodePrinter } from "./nodes";
import { clusterRoleBindingPrinter, roleBindingPrinter } from "./rbac";

const now = new Date("2026-01-01T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString().replace(".000Z", "Z");
const meta = (name: string, seconds = 86400 * 3) => ({ name, namespace: "dev", creationTimestamp: ago(seconds) });
const header = (printer: { columns: { name: string; priority: number }[] }) =>
  printer.columns.map((c) => (c.priority ? `${c.name}*` : c.name));

describe("namespaces, configmaps, secrets, serviceaccounts", () => {
  it("namespaces: STATUS AGE", () => {
    expect(header(namespacePrinter)).toEqual(["Name", "Status", "Age"]);
    expect(namespacePrinter.cells({ metadata: meta("shield"), status: { phase: "Active" } }, { now })).toEqual([
      "shield",
      "Active",
      "3d",
    ]);
    expect(namespacePrinter.cells({ metadata: meta("old"), status: { phase: "Terminating" } }, { now })[1]).toBe(
      "Terminating",
    );
  });

  it("configmaps: DATA counts data and binaryData", () => {
    expect(header(configMapPrinter)).toEqual(["Name", "Data", "Age"]);
    const cm = {
      metadata: meta("kube-root-ca.crt"),
      data: { "ca.crt": "…", extra: "x" },
      binaryData: { logo: "AA==" },
    };
    expect(configMapPrinter.cells(cm, { now })).toEqual(["kube-root-ca.crt", 3, "3d"]);
    expect(configMapPrinter.cells({ metadata: meta("empty") }, { now })[1]).toBe(0);
  });

  it("secrets: TYPE DATA AGE", () => {
    expect(header(secretPrinter)).toEqual(["Name", "Type", "Data", "Age"]);
    const secret = { metadata: meta("db-creds"), type: "Opaque", data: { username: "YWRtaW4=", password: "czNjcjN0" } };
    expect(secretPrinter.cells(secret, { now })).toEqual(["db-creds", "Opaque", 2, "3d"]);
    const tls = { metadata: meta("shop-tls", 30), type: "kubernetes.io/tls", data: { "tls.crt": "", "tls.key": "" } };
    expect(secretPrinter.cells(tls, { now })).toEqual(["shop-tls", "kubernetes.io/tls", 2, "30s"]);
  });

  it("serviceaccounts: SECRETS AGE", () => {
    expect(header(serviceAccountPrinter)).toEqual(["Name", "Secrets", "Age"]);
    expect(serviceAccountPrinter.cells({ metadata: meta("default") }, { now })).toEqual(["default", 0, "3d"]);
    expect(serviceAccountPrinter.cells({ metadata: meta("ci"), secrets: [{ name: "ci-token" }] }, { now })[1]).toBe(1);
  });
});

describe("resourcequotas", () => {
  it("REQUEST LIMIT AGE (AGE last since 1.33): used/hard, sorted, limits.* in LIMIT", () => {
    const quota: ResourceQuota = {
      metadata: meta("learner-quota", 600),
      spec: {
        hard: { pods: "10", "requests.cpu": "2", "requests.memory": "2Gi", "limits.cpu": "4", "limits.memory": "4Gi" },
      },
      status: {
        hard: { pods: "10", "requests.cpu": "2", "requests.memory": "2Gi", "limits.cpu": "4", "limits.memory": "4Gi" },
        used: { pods: "3", "requests.cpu": "750m", "requests.memory": "768Mi", "limits.cpu": "1500m" },
      },
    };
    expect(header(resourceQuotaPrinter)).toEqual(["Name", "Request", "Limit", "Age"]);
    expect(resourceQuotaPrinter.cells(quota, { now })).toEqual([
      "learner-quota",
      "pods: 3/10, requests.cpu: 750m/2, requests.memory: 768Mi/2Gi",
      "limits.cpu: 1500m/4, limits.memory: 0/4Gi",
      "10m",
    ]);
    expect(resourceQuotaPrinter.cells({ metadata: meta("new", 1) }, { now })).toEqual(["new", "", "", "1s"]);
  });
});

describe("nodes", () => {
  const node = (over: Partial<Node> = {}): Node => ({
    metadata: {
      name: "node-1",
      creationTimestamp: ago(86400 * 40),
      labels: { "node-role.kubernetes.io/control-plane": "" },
    },
    spec: {},
    status: {
      conditions: [
        { type: "MemoryPressure", status: "False" },
        { type: "Ready", status: "True" },
      ],
      addresses: [
        { type: "InternalIP", address: "172.18.0.2" },
        { type: "Hostname", address: "node-1" },
      ],
      nodeInfo: {
        kubeletVersion: "v1.34.0",
        osImage: "Debian GNU/Linux 12 (bookworm)",
        kernelVersion: "6.8.0-45-generic",
        containerRuntimeVersion: "containerd://2.1.1",
        architecture: "amd64",
        bootID: "",
        kubeProxyVersion: "",
        machineID: "",
        operatingSystem: "linux",
        systemUUID: "",
      },
    },
    ...over,
  });

  it("STATUS ROLES AGE VERSION, wide addresses and node info", () => {
    expect(header(nodePrinter)).toEqual([
      "Name",
      "Status",
      "Roles",
      "Age",
      "Version",
      "Internal-IP*",
      "External-IP*",
      "OS-Image*",
      "Kernel-Version*",
      "Container-Runtime*",
    ]);
    expect(nodePrinter.cells(node(), { now })).toEqual([
      "node-1",
      "Ready",
      "control-plane",
      "40d",
      "v1.34.0",
      "172.18.0.2",
      "<none>",
      "Debian GNU/Linux 12 (bookworm)",
      "6.8.0-45-generic",
      "containerd://2.1.1",
    ]);
  });

  it("NotReady,SchedulingDisabled; Unknown without a Ready condition; <none> roles; sorted roles", () => {
    const cordoned = node({ spec: { unschedulable: true } });
    cordoned.status!.conditions = [{ type: "Ready", status: "Unknown" }];
    expect(nodePrinter.cells(cordoned, { now })[1]).toBe("NotReady,SchedulingDisabled");
    const fresh = node({ metadata: { name: "node-2", creationTimestamp: ago(20), labels: {} }, status: {} });
    expect(nodePrinter.cells(fresh, { now })).toEqual([
      "node-2",
      "Unknown",
      "<none>",
      "20s",
      "",
      "<none>",
      "<none>",
      "<unknown>",
      "<unknown>",
      "<unknown>",
    ]);
    const roles = node({
      metadata: {
        name: "n",
        labels: { "kubernetes.io/role": "worker", "node-role.kubernetes.io/infra": "", "node-role.kubernetes.io/": "" },
      },
    });
    expect(nodePrinter.cells(roles, { now })[2]).toBe("infra,worker");
  });
});

describe("events", () => {
  it("LAST SEEN TYPE REASON OBJECT MESSAGE; wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME", () => {
    expect(header(eventPrinter)).toEqual([
      "Last Seen",
      "Type",
      "Reason",
      "Object",
      "Subobject*",
      "Source*",
      "Message",
      "First Seen*",
      "Count*",
      "Name*",
    ]);
    expect(eventPrinter.columns.find((c) => c.name === "Name")?.format).toBe("name");
  });

  it("a legacy event with counts and timestamps", () => {
    const event: Event = {
      metadata: { name: "web-7d4b9c-x2x9k.181a2b3c4d5e6f70", namespace: "dev", creationTimestamp: ago(600) },
      involvedObject: { kind: "Pod", name: "web-7d4b9c-x2x9k", namespace: "dev", fieldPath: "spec.containers{web}" },
      reason: "BackOff",
      message: "Back-off restarting failed container web in pod web-7d4b9c-x2x9k_dev(1234)\n",
      source: { component: "kubelet", host: "node-1" },
      firstTimestamp: ago(600),
      lastTimestamp: ago(25),
      count: 7,
      type: "Warning",
    };
    expect(eventPrinter.cells(event, { now })).toEqual([
      "25s",
      "Warning",
      "BackOff",
      "pod/web-7d4b9c-x2x9k",
      "spec.containers{web}",
      "kubelet, node-1",
      "Back-off restarting failed container web in pod web-7d4b9c-x2x9k_dev(1234)",
      "10m",
      7,
      "web-7d4b9c-x2x9k.181a2b3c4d5e6f70",
    ]);
  });

  it("an events.k8s.io-style event: eventTime, series, reporting controller; count defaults to 1", () => {
    const event: Event = {
      metadata: { name: "web.1", namespace: "dev" },
      involvedObject: { kind: "Deployment", name: "web" },
      reason: "ScalingReplicaSet",
      message: "Scaled up replica set web-6d4cf56db6 from 0 to 3",
      eventTime: "2026-01-01T11:58:00.123456Z",
      reportingComponent: "deployment-controller",
      reportingInstance: "",
      type: "Normal",
    };
    expect(eventPrinter.cells(event, { now })).toEqual([
      "119s",
      "Normal",
      "ScalingReplicaSet",
      "deployment/web",
      "",
      "deployment-controller",
      "Scaled up replica set web-6d4cf56db6 from 0 to 3",
      "119s",
      1,
      "web.1",
    ]);
    const series: Event = { ...event, series: { count: 4, lastObservedTime: "2026-01-01T11:59:30.000000Z" } };
    expect(eventPrinter.cells(series, { now })[0]).toBe("30s");
    expect(eventPrinter.cells(series, { now })[8]).toBe(4);
    const noName: Event = { ...event, involvedObject: { kind: "Node" } };
    expect(eventPrinter.cells(noName, { now })[3]).toBe("node");
  });
});

describe("rolebindings and clusterrolebindings", () => {
  it("ROLE AGE; wide USERS GROUPS SERVICEACCOUNTS", () => {
    const rb: RoleBinding = {
      metadata: meta("edit-alice"),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
      subjects: [
        { kind: "User", name: "alice", apiGroup: "rbac.authorization.k8s.io" },
        { kind: "User", name: "bob", apiGroup: "rbac.authorization.k8s.io" },
        { kind: "Group", name: "students", apiGroup: "rbac.authorization.k8s.io" },
        { kind: "ServiceAccount", name: "ci", namespace: "dev" },
      ],
    };
    expect(header(roleBindingPrinter)).toEqual(["Name", "Role", "Age", "Users*", "Groups*", "ServiceAccounts*"]);
    expect(roleBindingPrinter.cells(rb, { now })).toEqual([
      "edit-alice",
      "ClusterRole/edit",
      "3d",
      "alice, bob",
      "students",
      "dev/ci",
    ]);
    expect(roleBindingPrinter.columns[3]?.description).toBe("Users in the roleBinding");
  });

  it("cluster role binding without subjects", () => {
    const crb: ClusterRoleBinding = {
      metadata: { name: "cluster-admin", creationTimestamp: ago(86400 * 400) },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
    };
    expect(clusterRoleBindingPrinter.cells(crb, { now })).toEqual([
      "cluster-admin",
      "ClusterRole/cluster-admin",
      "400d",
      "",
      "",
      "",
    ]);
    expect(clusterRoleBindingPrinter.columns[5]?.description).toBe("ServiceAccounts in the clusterRoleBinding");
  });
});
