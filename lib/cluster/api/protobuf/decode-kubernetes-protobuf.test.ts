import { describe, expect, it } from "vitest";
import { decodeKubernetesProtobuf } from "./decode-kubernetes-protobuf";
import { encodeBody } from "./test-encoder";

const CORE = "k8s.io.api.core.v1";
const base64 = (text: string) => Buffer.from(text).toString("base64");

/** ObjectMeta as gogo writes it: every value field present, zero or not, and an empty creationTimestamp. */
const goMeta = (fields: Record<string, unknown>) => ({
  name: "",
  generateName: "",
  namespace: "",
  selfLink: "",
  uid: "",
  resourceVersion: "",
  generation: 0,
  creationTimestamp: {},
  clusterName: "",
  ...fields,
});

describe("decodeKubernetesProtobuf", () => {
  it("decodes a Namespace, with apiVersion and kind from the envelope", () => {
    const body = encodeBody("v1", "Namespace", `${CORE}.Namespace`, {
      metadata: goMeta({ name: "demo", labels: { team: "a" } }),
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "" },
    });
    expect(decodeKubernetesProtobuf(body)).toEqual({
      kind: "Namespace",
      apiVersion: "v1",
      metadata: { name: "demo", creationTimestamp: null, labels: { team: "a" } },
      spec: { finalizers: ["kubernetes"] },
      status: {},
    });
  });

  it("decodes a ConfigMap's data and binaryData (base64, keys sorted as encoding/json sorts them)", () => {
    const body = encodeBody("v1", "ConfigMap", `${CORE}.ConfigMap`, {
      metadata: goMeta({ name: "settings", namespace: "demo" }),
      data: { size: "L", color: "blue" },
      binaryData: { "logo.bin": new Uint8Array([0, 1, 254, 255]) },
    });
    expect(decodeKubernetesProtobuf(body)).toEqual({
      kind: "ConfigMap",
      apiVersion: "v1",
      metadata: { name: "settings", namespace: "demo", creationTimestamp: null },
      data: { color: "blue", size: "L" },
      binaryData: { "logo.bin": "AAH+/w==" },
    });
    expect(Object.keys((decodeKubernetesProtobuf(body) as { data: object }).data)).toEqual(["color", "size"]);
  });

  it("decodes a Secret: bytes values become base64, a false pointer bool stays", () => {
    const body = encodeBody("v1", "Secret", `${CORE}.Secret`, {
      metadata: goMeta({ name: "creds", namespace: "demo" }),
      immutable: false,
      data: { user: Buffer.from("admin"), password: Buffer.from("s3cr3t") },
      stringData: { extra: "x" },
      type: "Opaque",
    });
    expect(decodeKubernetesProtobuf(body)).toEqual({
      kind: "Secret",
      apiVersion: "v1",
      metadata: { name: "creds", namespace: "demo", creationTimestamp: null },
      immutable: false,
      data: { password: base64("s3cr3t"), user: base64("admin") },
      stringData: { extra: "x" },
      type: "Opaque",
    });
  });

  it("decodes a Deployment as `kubectl create deployment web --image=nginx --replicas=2` sends it", () => {
    const labels = { app: "web" };
    const body = encodeBody("apps/v1", "Deployment", "k8s.io.api.apps.v1.Deployment", {
      metadata: goMeta({ name: "web", labels }),
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: goMeta({ labels }),
          spec: {
            containers: [
              { name: "nginx", image: "nginx", resources: {}, terminationMessagePath: "", imagePullPolicy: "", stdin: false },
            ],
            restartPolicy: "",
            dnsPolicy: "",
            serviceAccountName: "",
            hostNetwork: false,
          },
        },
        strategy: {},
        minReadySeconds: 0,
        paused: false,
      },
      status: { observedGeneration: 0, replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0 },
    });
    // Exactly what kubectl 1.21–1.32 print for the command with --dry-run=client -o json.
    expect(decodeKubernetesProtobuf(body)).toEqual({
      kind: "Deployment",
      apiVersion: "apps/v1",
      metadata: { name: "web", creationTimestamp: null, labels },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { creationTimestamp: null, labels },
          spec: { containers: [{ name: "nginx", image: "nginx", resources: {} }] },
        },
        strategy: {},
      },
      status: {},
    });
  });

  it("keeps a zero pointer field (replicas: 0) but drops zero value fields", () => {
    const body = encodeBody("apps/v1", "Deployment", "k8s.io.api.apps.v1.Deployment", {
      metadata: goMeta({ name: "idle" }),
      spec: { replicas: 0, minReadySeconds: 0, selector: {}, template: {}, strategy: {} },
    });
    const decoded = decodeKubernetesProtobuf(body) as { spec: Record<string, unknown> };
    expect(decoded.spec.replicas).toBe(0);
    expect(decoded.spec).not.toHaveProperty("minReadySeconds");
  });

  it("writes absent value structs as Go's zero structs, as encoding/json would", () => {
    const body = encodeBody("apps/v1", "Deployment", "k8s.io.api.apps.v1.Deployment", { metadata: { name: "web" } });
    expect(decodeKubernetesProtobuf(body)).toEqual({
      kind: "Deployment",
      apiVersion: "apps/v1",
      metadata: { name: "web", creationTimestamp: null },
      spec: { template: { metadata: { creationTimestamp: null }, spec: {} }, strategy: {} },
      status: {},
    });
  });

  it("decodes a Role's rules and a RoleBinding's subjects and roleRef", () => {
    const role = encodeBody("rbac.authorization.k8s.io/v1", "Role", "k8s.io.api.rbac.v1.Role", {
      metadata: goMeta({ name: "pod-reader", namespace: "demo" }),
      rules: [
        { verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] },
        { verbs: ["get"], apiGroups: ["apps"], resources: ["deployments"], resourceNames: ["web"] },
      ],
    });
    expect(decodeKubernetesProtobuf(role)).toEqual({
      kind: "Role",
      apiVersion: "rbac.authorization.k8s.io/v1",
      metadata: { name: "pod-reader", namespace: "demo", creationTimestamp: null },
      rules: [
        { verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] },
        { verbs: ["get"], apiGroups: ["apps"], resources: ["deployments"], resourceNames: ["web"] },
      ],
    });

    const binding = encodeBody("rbac.authorization.k8s.io/v1", "RoleBinding", "k8s.io.api.rbac.v1.RoleBinding", {
      metadata: goMeta({ name: "read-pods", namespace: "demo" }),
      subjects: [
        { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "alice", namespace: "" },
        { kind: "ServiceAccount", apiGroup: "", name: "bot", namespace: "demo" },
      ],
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "pod-reader" },
    });
    expect(decodeKubernetesProtobuf(binding)).toEqual({
      kind: "RoleBinding",
      apiVersion: "rbac.authorization.k8s.io/v1",
      metadata: { name: "read-pods", namespace: "demo", creationTimestamp: null },
      subjects: [
        { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "alice" },
        { kind: "ServiceAccount", name: "bot", namespace: "demo" },
      ],
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "pod-reader" },
    });
  });

  it("decodes a Service's ports with int and string targetPorts", () => {
    const body = encodeBody("v1", "Service", `${CORE}.Service`, {
      metadata: goMeta({ name: "web", namespace: "demo", labels: { app: "web" } }),
      spec: {
        ports: [
          { name: "80-8080", protocol: "TCP", port: 80, targetPort: { type: 0, intVal: 8080, strVal: "" }, nodePort: 0 },
          { name: "443-https", protocol: "TCP", port: 443, targetPort: { type: 1, intVal: 0, strVal: "https" } },
          { name: "plain", protocol: "TCP", port: 53 },
        ],
        selector: { app: "web" },
        type: "ClusterIP",
        clusterIP: "",
      },
      status: { loadBalancer: {} },
    });
    expect(decodeKubernetesProtobuf(body)).toEqual({
      kind: "Service",
      apiVersion: "v1",
      metadata: { name: "web", namespace: "demo", creationTimestamp: null, labels: { app: "web" } },
      spec: {
        ports: [
          { name: "80-8080", protocol: "TCP", port: 80, targetPort: 8080 },
          { name: "443-https", protocol: "TCP", port: 443, targetPort: "https" },
          // A value IntOrString that was never set is Go's zero, which encoding/json writes as 0.
          { name: "plain", protocol: "TCP", port: 53, targetPort: 0 },
        ],
        selector: { app: "web" },
        type: "ClusterIP",
      },
      status: { loadBalancer: {} },
    });
  });

  it("decodes a Job and a CronJob", () => {
    const podTemplate = {
      metadata: goMeta({}),
      spec: { containers: [{ name: "once", image: "busybox", command: ["echo", "hi"], resources: {} }], restartPolicy: "Never" },
    };
    const job = encodeBody("batch/v1", "Job", "k8s.io.api.batch.v1.Job", {
      metadata: goMeta({ name: "once", namespace: "demo" }),
      spec: { template: podTemplate, backoffLimit: 0, completions: 1 },
      status: { active: 0, succeeded: 0, failed: 0 },
    });
    const expectedTemplate = {
      metadata: { creationTimestamp: null },
      spec: { containers: [{ name: "once", image: "busybox", command: ["echo", "hi"], resources: {} }], restartPolicy: "Never" },
    };
    expect(decodeKubernetesProtobuf(job)).toEqual({
      kind: "Job",
      apiVersion: "batch/v1",
      metadata: { name: "once", namespace: "demo", creationTimestamp: null },
      spec: { completions: 1, backoffLimit: 0, template: expectedTemplate },
      status: {},
    });

    const cronJob = encodeBody("batch/v1", "CronJob", "k8s.io.api.batch.v1.CronJob", {
      metadata: goMeta({ name: "tick", namespace: "demo" }),
      spec: {
        schedule: "*/5 * * * *",
        concurrencyPolicy: "",
        suspend: false,
        successfulJobsHistoryLimit: 3,
        jobTemplate: { metadata: goMeta({ name: "tick" }), spec: { template: podTemplate } },
      },
      status: {},
    });
    expect(decodeKubernetesProtobuf(cronJob)).toEqual({
      kind: "CronJob",
      apiVersion: "batch/v1",
      metadata: { name: "tick", namespace: "demo", creationTimestamp: null },
      spec: {
        schedule: "*/5 * * * *",
        suspend: false,
        jobTemplate: { metadata: { name: "tick", creationTimestamp: null }, spec: { template: expectedTemplate } },
        successfulJobsHistoryLimit: 3,
      },
      status: {},
    });
  });

  it("decodes autoscaling/v2, which is autoscaling/v2beta2 on the wire", () => {
    const body = encodeBody("autoscaling/v2", "HorizontalPodAutoscaler", "k8s.io.api.autoscaling.v2beta2.HorizontalPodAutoscaler", {
      metadata: goMeta({ name: "web" }),
      spec: {
        scaleTargetRef: { kind: "Deployment", name: "web", apiVersion: "apps/v1" },
        maxReplicas: 3,
        metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } } }],
      },
    });
    expect(decodeKubernetesProtobuf(body)).toMatchObject({
      kind: "HorizontalPodAutoscaler",
      apiVersion: "autoscaling/v2",
      spec: { metrics: [{ resource: { target: { averageUtilization: 50 } } }] },
    });
  });

  it("decodes policy/v1 Eviction (kubectl drain ≥ 1.22), which is policy/v1beta1's on the wire", () => {
    const body = encodeBody("policy/v1", "Eviction", "k8s.io.api.policy.v1beta1.Eviction", {
      metadata: goMeta({ name: "web-1", namespace: "dev" }),
      deleteOptions: { gracePeriodSeconds: 5 },
    });
    expect(decodeKubernetesProtobuf(body)).toMatchObject({
      kind: "Eviction",
      apiVersion: "policy/v1",
      metadata: { name: "web-1", namespace: "dev" },
      deleteOptions: { gracePeriodSeconds: 5 },
    });
    // Other policy/v1 kinds keep their own 1.21 schemas.
    expect(() => decodeKubernetesProtobuf(encodeBody("policy/v1", "PodSecurityPolicy", "k8s.io.api.policy.v1beta1.PodSecurityPolicy", { metadata: goMeta({ name: "p" }) }))).toThrow(
      /no protobuf schema for PodSecurityPolicy in policy\/v1/,
    );
  });

  it("accepts DeleteOptions under any group version, as every group registers metav1's", () => {
    const body = encodeBody("apps/v1", "DeleteOptions", "k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions", {
      gracePeriodSeconds: 0,
      propagationPolicy: "Foreground",
      dryRun: ["All"],
    });
    expect(decodeKubernetesProtobuf(body)).toEqual({
      kind: "DeleteOptions",
      apiVersion: "apps/v1",
      gracePeriodSeconds: 0,
      propagationPolicy: "Foreground",
      dryRun: ["All"],
    });
  });
});
