import type { KubeObject } from "../../store/object-store";
import type { AdmissionAttempt, AdmissionPlugin } from "../admission";
import { canonicalQuantity, QuantityError } from "../quantity";
import { badRequest } from "../status";

// What Kubernetes' decoding and defaulting do to resource quantities before admission sees an object: every
// quantity is parsed (a malformed one fails the request) and re-encoded in canonical form (`0.5` → `500m`),
// a Pod's containers get requests defaulted from limits (SetDefaults_Pod), and LimitRange items get their
// defaults (SetDefaults_LimitRangeItem). Done here, as the first mutating plugin, because the defaulting in
// ../defaults does not handle quantities; it belongs there in the end.

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** A `{cpu: "0.5"}` map in canonical form, keys sorted as Go serialises maps. */
function canonicalList(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const out: Json = {};
  for (const name of Object.keys(value).sort()) {
    const raw = value[name];
    if (raw === null) out[name] = "0";
    else if (typeof raw === "string" || typeof raw === "number") out[name] = canonicalQuantity(raw);
    else throw new QuantityError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  }
  return out;
}

function canonicalRequirements(resources: unknown): unknown {
  if (!isRecord(resources)) return resources;
  const out: Json = { ...resources };
  for (const field of ["requests", "limits"]) if (field in out) out[field] = canonicalList(out[field]);
  return out;
}

/** SetDefaults_Pod: a container that states limits but not requests requests what it is limited to. */
function requestsFromLimits(resources: unknown): unknown {
  if (!isRecord(resources) || !isRecord(resources.limits)) return resources;
  const requests: Json = { ...(isRecord(resources.requests) ? resources.requests : {}) };
  for (const [name, limit] of Object.entries(resources.limits)) if (!(name in requests)) requests[name] = limit;
  return { ...resources, requests: canonicalList(requests) };
}

function podSpec(spec: unknown, isPod: boolean): unknown {
  if (!isRecord(spec)) return spec;
  const out: Json = { ...spec };
  for (const field of ["containers", "initContainers"]) {
    if (!Array.isArray(out[field])) continue;
    out[field] = (out[field] as unknown[]).map((c) => {
      if (!isRecord(c) || !("resources" in c)) return c;
      const resources = canonicalRequirements(c.resources);
      return { ...c, resources: isPod ? requestsFromLimits(resources) : resources };
    });
  }
  if ("overhead" in out) out.overhead = canonicalList(out.overhead);
  if ("resources" in out) out.resources = canonicalRequirements(out.resources);
  return out;
}

function template(value: unknown): unknown {
  return isRecord(value) && "spec" in value ? { ...value, spec: podSpec(value.spec, false) } : value;
}

/** SetDefaults_LimitRangeItem: a Container item's default limit falls back to max, its default request to the
 * default limit, then to min. */
export function defaultLimitRangeItem(item: Json): Json {
  if (item.type !== "Container") return item;
  const out: Json = { ...item };
  const fallBack = (field: string, from: string) => {
    const target: Json = { ...(isRecord(out[field]) ? out[field] : {}) };
    for (const [name, value] of Object.entries(isRecord(out[from]) ? out[from] : {})) if (!(name in target)) target[name] = value;
    if (Object.keys(target).length > 0) out[field] = canonicalList(target);
  };
  fallBack("default", "max");
  fallBack("defaultRequest", "default");
  fallBack("defaultRequest", "min");
  return out;
}

const limitRangeMaps = ["max", "min", "default", "defaultRequest", "maxLimitRequestRatio"];

function normalizeSpec(kind: string, group: string, spec: Json): Json {
  const out: Json = { ...spec };
  switch (`${group}/${kind}`) {
    case "/Pod":
      return podSpec(out, true) as Json;
    case "/PersistentVolumeClaim":
      if ("resources" in out) out.resources = canonicalRequirements(out.resources);
      return out;
    case "/ResourceQuota":
      if ("hard" in out) out.hard = canonicalList(out.hard);
      return out;
    case "/LimitRange":
      if (Array.isArray(out.limits)) {
        out.limits = out.limits.map((item: unknown) => {
          if (!isRecord(item)) return item;
          const canonical: Json = { ...item };
          for (const field of limitRangeMaps) if (field in canonical) canonical[field] = canonicalList(canonical[field]);
          return defaultLimitRangeItem(canonical);
        });
      }
      return out;
    case "/ReplicationController":
    case "apps/Deployment":
    case "apps/ReplicaSet":
    case "apps/DaemonSet":
    case "batch/Job":
      if ("template" in out) out.template = template(out.template);
      return out;
    case "apps/StatefulSet":
      if ("template" in out) out.template = template(out.template);
      if (Array.isArray(out.volumeClaimTemplates)) {
        out.volumeClaimTemplates = out.volumeClaimTemplates.map((claim: unknown) =>
          isRecord(claim) && isRecord(claim.spec) ? { ...claim, spec: normalizeSpec("PersistentVolumeClaim", "", claim.spec) } : claim,
        );
      }
      return out;
    case "batch/CronJob":
      if (isRecord(out.jobTemplate) && isRecord(out.jobTemplate.spec)) {
        out.jobTemplate = { ...out.jobTemplate, spec: { ...out.jobTemplate.spec, template: template(out.jobTemplate.spec.template) } };
      }
      return out;
    default:
      return spec;
  }
}

function normalize({ target, object }: AdmissionAttempt): KubeObject {
  const { kind, group, version } = target.type;
  try {
    if (kind === "PodTemplate" && group === "") return { ...object, template: template(object.template) };
    if (!isRecord(object.spec)) return object;
    const spec = normalizeSpec(kind, group, object.spec);
    return spec === object.spec ? object : { ...object, spec };
  } catch (error) {
    if (error instanceof QuantityError) throw badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${error.message}`);
    throw error;
  }
}

/** Runs first, so every later plugin sees quantities and defaults as Kubernetes' decoder would leave them. */
export function resourceNormalizationAdmission(): AdmissionPlugin {
  return {
    name: "ResourceNormalization",
    mutate: (attempt) => Promise.resolve(attempt.target.subresource === "" ? normalize(attempt) : attempt.object),
  };
}
