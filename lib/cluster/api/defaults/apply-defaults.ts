import type { KubeObject } from "../../store/object-store";
import { defaultPodSpec, defaultTemplate } from "./pod-spec";

// Defaulting as the API server applies it on every create and update (the kinds' defaults.go), so that what
// is stored — and what kubectl shows — has the same fields a real cluster would fill in.

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : {});

const byKind: Record<string, (spec: Json) => Json> = {
  "/Pod": (spec) => obj(defaultPodSpec(spec)),
  "/Service": (spec) => {
    const out: Json = { ...spec };
    out.type ??= "ClusterIP";
    out.sessionAffinity ??= "None";
    // ipFamilyPolicy and ipFamilies are set with the cluster IP (services/service-allocation.ts), as in Kubernetes.
    if (out.type !== "ExternalName") out.internalTrafficPolicy ??= "Cluster";
    if (out.type === "NodePort" || out.type === "LoadBalancer") out.externalTrafficPolicy ??= "Cluster";
    if (Array.isArray(out.ports)) {
      out.ports = out.ports.map((p) => {
        const port = obj(p);
        return { ...port, protocol: port.protocol ?? "TCP", targetPort: port.targetPort ?? port.port };
      });
    }
    return out;
  },
  "/PersistentVolumeClaim": (spec) => ({ ...spec, volumeMode: spec.volumeMode ?? "Filesystem" }),
  "apps/Deployment": (spec) => {
    const out: Json = { ...spec, template: defaultTemplate(spec.template) };
    out.replicas ??= 1;
    out.revisionHistoryLimit ??= 10;
    out.progressDeadlineSeconds ??= 600;
    const strategy = obj(out.strategy);
    const type = strategy.type ?? "RollingUpdate";
    out.strategy =
      type === "RollingUpdate"
        ? { ...strategy, type, rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%", ...obj(strategy.rollingUpdate) } }
        : strategy;
    return out;
  },
  "apps/ReplicaSet": (spec) => ({ ...spec, replicas: spec.replicas ?? 1, template: defaultTemplate(spec.template) }),
  "apps/StatefulSet": (spec) => ({
    ...spec,
    replicas: spec.replicas ?? 1,
    podManagementPolicy: spec.podManagementPolicy ?? "OrderedReady",
    updateStrategy: spec.updateStrategy ?? { type: "RollingUpdate", rollingUpdate: { partition: 0 } },
    revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
    persistentVolumeClaimRetentionPolicy: spec.persistentVolumeClaimRetentionPolicy ?? { whenDeleted: "Retain", whenScaled: "Retain" },
    template: defaultTemplate(spec.template),
  }),
  "apps/DaemonSet": (spec) => ({
    ...spec,
    updateStrategy: spec.updateStrategy ?? { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    revisionHistoryLimit: spec.revisionHistoryLimit ?? 10,
    template: defaultTemplate(spec.template),
  }),
  "batch/Job": (spec) => ({
    ...spec,
    parallelism: spec.parallelism ?? 1,
    completions: spec.completions ?? (spec.parallelism === undefined ? 1 : spec.completions),
    backoffLimit: spec.backoffLimit ?? 6,
    completionMode: spec.completionMode ?? "NonIndexed",
    suspend: spec.suspend ?? false,
    template: jobTemplate(spec.template),
  }),
  "batch/CronJob": (spec) => ({
    ...spec,
    concurrencyPolicy: spec.concurrencyPolicy ?? "Allow",
    suspend: spec.suspend ?? false,
    successfulJobsHistoryLimit: spec.successfulJobsHistoryLimit ?? 3,
    failedJobsHistoryLimit: spec.failedJobsHistoryLimit ?? 1,
    jobTemplate: { ...obj(spec.jobTemplate), spec: byKind["batch/Job"]!(obj(obj(spec.jobTemplate).spec)) },
  }),
};

/** Pod defaults, except restartPolicy: a Job's pods must say Never or OnFailure themselves. */
function jobTemplate(template: unknown): unknown {
  const restartPolicy = obj(obj(template).spec).restartPolicy;
  const defaulted = obj(defaultTemplate(template));
  const spec = { ...obj(defaulted.spec) };
  if (restartPolicy === undefined) delete spec.restartPolicy;
  return { ...defaulted, spec };
}

/**
 * A Secret's `stringData` is write-only: on every write its entries are base64-encoded into `data` (winning
 * over a `data` entry of the same key) and the field itself is dropped, as the v1 → internal conversion does.
 */
function secretData(object: KubeObject): KubeObject {
  const { stringData, ...rest } = object as KubeObject & { stringData?: unknown };
  if (stringData === undefined || stringData === null) return object;
  const data: Json = { ...obj(rest.data) };
  for (const [key, value] of Object.entries(obj(stringData))) data[key] = Buffer.from(String(value), "utf8").toString("base64");
  return { ...rest, data };
}

export function applyDefaults(group: string, kind: string, object: KubeObject): KubeObject {
  if (kind === "Secret" && group === "") {
    const secret = secretData(object);
    return { ...secret, type: secret.type ?? "Opaque" };
  }
  const defaults = byKind[`${group}/${kind}`];
  if (!defaults || object.spec === undefined || object.spec === null) return object;
  return { ...object, spec: defaults(obj(object.spec)) };
}
