import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../store/object-store";
import { applyDefaults } from "./apply-defaults";
import { defaultPullPolicy } from "./pod-spec";

const deployment = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec });

describe("applyDefaults", () => {
  it("fills a Deployment as the API server does: replicas, strategy 25%/25%, history, deadline, pod defaults", () => {
    const out = applyDefaults("apps", "Deployment", deployment({
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx", ports: [{ containerPort: 80 }] }] } },
    }));
    expect(out.spec).toMatchObject({
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
      template: {
        spec: {
          restartPolicy: "Always",
          dnsPolicy: "ClusterFirst",
          schedulerName: "default-scheduler",
          terminationGracePeriodSeconds: 30,
          containers: [
            {
              imagePullPolicy: "Always",
              terminationMessagePath: "/dev/termination-log",
              terminationMessagePolicy: "File",
              ports: [{ containerPort: 80, protocol: "TCP" }],
            },
          ],
        },
      },
    });
  });

  it("keeps what the user set, and leaves Recreate without rollingUpdate", () => {
    const out = applyDefaults("apps", "Deployment", deployment({ replicas: 0, strategy: { type: "Recreate" }, template: { spec: { containers: [] } } }));
    expect(out.spec).toMatchObject({ replicas: 0, strategy: { type: "Recreate" } });
    expect((out.spec as { strategy: Record<string, unknown> }).strategy.rollingUpdate).toBeUndefined();
  });

  it("defaults a Service's type, ports and target ports", () => {
    const out = applyDefaults("", "Service", { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { ports: [{ port: 80 }] } });
    expect(out.spec).toMatchObject({ type: "ClusterIP", sessionAffinity: "None", ports: [{ port: 80, protocol: "TCP", targetPort: 80 }] });
  });

  it("does not give a Job's pods restartPolicy Always", () => {
    const out = applyDefaults("batch", "Job", { apiVersion: "batch/v1", kind: "Job", metadata: { name: "j" }, spec: { template: { spec: { containers: [] } } } });
    expect(out.spec).toMatchObject({ backoffLimit: 6, completions: 1, parallelism: 1 });
    expect((out.spec as { template: { spec: Record<string, unknown> } }).template.spec.restartPolicy).toBeUndefined();
  });

  it("makes Secrets Opaque by default", () => {
    expect(applyDefaults("", "Secret", { apiVersion: "v1", kind: "Secret", metadata: { name: "x" } }).type).toBe("Opaque");
  });

  it("merges a Secret's stringData into data, base64-encoded, and drops it", () => {
    const out = applyDefaults("", "Secret", {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "x" },
      data: { user: "YWRtaW4=", password: "b2xk" },
      stringData: { password: "hunter2", "näme": "é" },
    });
    expect(out.data).toEqual({ user: "YWRtaW4=", password: "aHVudGVyMg==", "näme": "w6k=" });
    expect("stringData" in out).toBe(false);
  });
});

describe("defaultPullPolicy", () => {
  it("pulls untagged and :latest images Always, tagged and digested ones IfNotPresent", () => {
    expect(defaultPullPolicy("nginx")).toBe("Always");
    expect(defaultPullPolicy("nginx:latest")).toBe("Always");
    expect(defaultPullPolicy("registry:5000/team/app")).toBe("Always");
    expect(defaultPullPolicy("nigelpoulton/k8sbook:1.0")).toBe("IfNotPresent");
    expect(defaultPullPolicy("nginx@sha256:abc")).toBe("IfNotPresent");
  });
});
