// Kubernetes' defaults for a PodSpec (pkg/apis/core/v1/defaults.go), applied wherever a pod template appears.

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** `nginx`, `nginx:latest` and digests-free images without a tag are pulled Always; tagged ones IfNotPresent. */
export function defaultPullPolicy(image: string): string {
  if (image.includes("@")) return "IfNotPresent";
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const tag = lastSegment.includes(":") ? lastSegment.slice(lastSegment.indexOf(":") + 1) : "";
  return tag === "" || tag === "latest" ? "Always" : "IfNotPresent";
}

/** A probe's timing and thresholds, and an httpGet's scheme, as SetDefaults_Probe and SetDefaults_HTTPGetAction. */
function defaultProbe(probe: unknown): unknown {
  if (!isObject(probe)) return probe;
  const out: Json = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3, ...probe };
  if (isObject(out.httpGet)) out.httpGet = { path: "/", scheme: "HTTP", ...out.httpGet };
  return out;
}

function defaultContainer(container: unknown): unknown {
  if (!isObject(container)) return container;
  const out: Json = { ...container };
  if (typeof out.image === "string" && out.imagePullPolicy === undefined) out.imagePullPolicy = defaultPullPolicy(out.image);
  out.terminationMessagePath ??= "/dev/termination-log";
  out.terminationMessagePolicy ??= "File";
  out.resources ??= {};
  for (const field of ["livenessProbe", "readinessProbe", "startupProbe"]) if (out[field] !== undefined) out[field] = defaultProbe(out[field]);
  if (Array.isArray(out.ports)) {
    out.ports = (out.ports as unknown[]).map((port) => (isObject(port) ? { ...port, protocol: port.protocol ?? "TCP" } : port));
  }
  return out;
}

export function defaultPodSpec(spec: unknown): unknown {
  if (!isObject(spec)) return spec;
  const out: Json = { ...spec };
  out.restartPolicy ??= "Always";
  out.terminationGracePeriodSeconds ??= 30;
  out.dnsPolicy ??= "ClusterFirst";
  out.securityContext ??= {};
  out.schedulerName ??= "default-scheduler";
  out.enableServiceLinks ??= true;
  out.preemptionPolicy ??= "PreemptLowerPriority";
  out.priority ??= 0;
  if (out.serviceAccountName !== undefined) out.serviceAccount ??= out.serviceAccountName;
  for (const field of ["containers", "initContainers"]) {
    if (Array.isArray(out[field])) out[field] = (out[field] as unknown[]).map(defaultContainer);
  }
  return out;
}

/** A pod template's spec gets the pod defaults; its metadata is left alone. */
export function defaultTemplate(template: unknown): unknown {
  if (!isObject(template)) return template;
  return { ...template, spec: defaultPodSpec(template.spec ?? {}) };
}
