/**
 * Patches as real kubectl sends them (captured shapes of `kubectl … -v=8` request bodies), applied to live
 * objects as the API server stores them, with the exact objects that result.
 */
import { describe, expect, it } from "vitest";
import { applyJsonPatch } from "./json-patch";
import type { JsonObject } from "./json-value";
import { patchMetaFor, type PatchMetaLookup } from "./patch-meta";
import { applyStrategicMergePatch } from "./strategic-merge-patch";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

function metaFor(group: string, kind: string): PatchMetaLookup {
  const lookup = patchMetaFor(group, kind);
  if (!lookup) throw new Error(`no patch metadata for ${kind}`);
  return lookup;
}

const deploymentMeta = metaFor("apps", "Deployment");

const webContainer = (): JsonObject => ({
  name: "web",
  image: "nginx:1.25",
  ports: [
    { containerPort: 80, protocol: "TCP" },
    { containerPort: 8080, protocol: "TCP" },
  ],
  env: [
    { name: "MODE", value: "prod" },
    { name: "DEBUG", value: "1" },
  ],
  resources: {},
  terminationMessagePath: "/dev/termination-log",
  terminationMessagePolicy: "File",
  imagePullPolicy: "IfNotPresent",
});

interface Changes {
  annotations?: JsonObject;
  strategy?: JsonObject;
  /** Fields to set on the web container. */
  web?: JsonObject;
  extraContainers?: JsonObject[];
  volumes?: JsonObject[];
  template?: JsonObject;
  templateAnnotations?: JsonObject;
}

/** A Deployment as the API server holds it after `kubectl apply` and defaulting, with some fields changed. */
function liveDeployment(changes: Changes = {}): JsonObject {
  const template: JsonObject = changes.template ?? {
    metadata: { labels: { app: "web" }, ...(changes.templateAnnotations ? { annotations: changes.templateAnnotations } : {}) },
    spec: {
      containers: [{ ...webContainer(), ...changes.web }, ...(changes.extraContainers ?? [])],
      volumes: changes.volumes ?? [{ name: "data", emptyDir: {} }],
      restartPolicy: "Always",
      dnsPolicy: "ClusterFirst",
    },
  };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: "web",
      namespace: "shop",
      uid: "5f0c1c52-0d7e-4b7a-9d39-0d0f1b5a3c11",
      resourceVersion: "1042",
      generation: 1,
      labels: { app: "web" },
      annotations: changes.annotations ?? { "deployment.kubernetes.io/revision": "1", [LAST_APPLIED]: '{"old":true}\n' },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "web" } },
      strategy: changes.strategy ?? { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      template,
    },
    status: { observedGeneration: 1, replicas: 2 },
  };
}

describe("kubectl apply (client-side strategic merge patch)", () => {
  it("changes the image and drops a container port", () => {
    const lastApplied = '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"shop"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.26","name":"web","ports":[{"containerPort":80}]}]}}}}\n';
    const patch = {
      metadata: { annotations: { [LAST_APPLIED]: lastApplied } },
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "web" }],
            containers: [
              {
                "$setElementOrder/ports": [{ containerPort: 80 }],
                image: "nginx:1.26",
                name: "web",
                ports: [{ $patch: "delete", containerPort: 8080 }],
              },
            ],
          },
        },
      },
    };
    expect(applyStrategicMergePatch(liveDeployment(), patch, deploymentMeta)).toEqual(
      liveDeployment({
        annotations: { "deployment.kubernetes.io/revision": "1", [LAST_APPLIED]: lastApplied },
        web: { image: "nginx:1.26", ports: [{ containerPort: 80, protocol: "TCP" }] },
      }),
    );
  });

  it("removes one environment variable and adds another in the configured order", () => {
    const patch = {
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "web" }],
            containers: [
              {
                "$setElementOrder/env": [{ name: "LOG_LEVEL" }, { name: "MODE" }],
                env: [{ name: "LOG_LEVEL", value: "info" }, { $patch: "delete", name: "DEBUG" }],
                name: "web",
              },
            ],
          },
        },
      },
    };
    expect(applyStrategicMergePatch(liveDeployment(), patch, deploymentMeta)).toEqual(
      liveDeployment({
        web: {
          env: [
            { name: "LOG_LEVEL", value: "info" },
            { name: "MODE", value: "prod" },
          ],
        },
      }),
    );
  });

  it("switches a volume from emptyDir to a ConfigMap with $retainKeys", () => {
    const patch = {
      spec: {
        template: {
          spec: {
            "$setElementOrder/volumes": [{ name: "data" }],
            volumes: [{ $retainKeys: ["configMap", "name"], configMap: { name: "web-config" }, name: "data" }],
          },
        },
      },
    };
    expect(applyStrategicMergePatch(liveDeployment(), patch, deploymentMeta)).toEqual(
      liveDeployment({ volumes: [{ name: "data", configMap: { name: "web-config" } }] }),
    );
  });

  it("switches the strategy to Recreate, clearing rollingUpdate", () => {
    const patch = { spec: { strategy: { $retainKeys: ["type"], rollingUpdate: null, type: "Recreate" } } };
    expect(applyStrategicMergePatch(liveDeployment(), patch, deploymentMeta)).toEqual(
      liveDeployment({ strategy: { type: "Recreate" } }),
    );
  });

  it("removes a sidecar container and keeps the rest", () => {
    const live = liveDeployment({ extraContainers: [{ name: "sidecar", image: "busybox" }] });
    const patch = {
      spec: {
        template: {
          spec: { "$setElementOrder/containers": [{ name: "web" }], containers: [{ $patch: "delete", name: "sidecar" }] },
        },
      },
    };
    expect(applyStrategicMergePatch(live, patch, deploymentMeta)).toEqual(liveDeployment());
  });

  it("adds a container after the existing one, as $setElementOrder says", () => {
    const patch = {
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "web" }, { name: "metrics" }],
            containers: [{ image: "prom/exporter:1", name: "metrics" }],
          },
        },
      },
    };
    expect(applyStrategicMergePatch(liveDeployment(), patch, deploymentMeta)).toEqual(
      liveDeployment({ extraContainers: [{ image: "prom/exporter:1", name: "metrics" }] }),
    );
  });
});

describe("other kubectl commands", () => {
  it("kubectl set image deployment/web web=nginx:1.27", () => {
    const patch = { spec: { template: { spec: { containers: [{ image: "nginx:1.27", name: "web" }] } } } };
    expect(applyStrategicMergePatch(liveDeployment(), patch, deploymentMeta)).toEqual(
      liveDeployment({ web: { image: "nginx:1.27" } }),
    );
  });

  it("kubectl rollout restart deployment/web", () => {
    const at = "2024-05-01T10:00:00Z";
    const patch = { spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": at } } } } };
    expect(applyStrategicMergePatch(liveDeployment(), patch, deploymentMeta)).toEqual(
      liveDeployment({ templateAnnotations: { "kubectl.kubernetes.io/restartedAt": at } }),
    );
  });

  it("kubectl rollout undo deployment/web (JSON patch)", () => {
    const template = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.24" }] } };
    const annotations = { "deployment.kubernetes.io/revision": "3", [LAST_APPLIED]: '{"old":true}\n' };
    const patch = [
      { op: "replace", path: "/spec/template", value: template },
      { op: "replace", path: "/metadata/annotations", value: annotations },
    ];
    expect(applyJsonPatch(liveDeployment(), patch)).toEqual(
      liveDeployment({ template, annotations }),
    );
  });
});
