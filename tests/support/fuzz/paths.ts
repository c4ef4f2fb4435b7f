import { knownNames, namespaces, nonResourcePaths, otherNames, resources, seededNames, type FuzzResource } from "./resources";
import type { Rng } from "./rng";
import { nastyString, percentEncode } from "./values";

export type FuzzPath = {
  path: string;
  /** The resource the path addresses when it is resource-shaped (for bodies that fit it). */
  resource: FuzzResource | undefined;
  name: string;
  namespace: string | undefined;
  label: string;
};

const garbageSegments = [
  "", ".", "..", "%2e%2e", "%2E", "%00", "%2F", "%2f..%2f", "%ZZ", "%", "%C3%28", "%E2%80%AE", "%F0%9F%98%80", "~", "*",
  "$", "'", "(", ")", "!", ",", ";", ":", "@", "&", "=", "+", "a;b=c", "?", "#frag", "watch", "namespaces", "api", "apis",
  "v1", "status", "scale", "proxy", "NAMESPACES", "Pods", "%20", "%0d%0aX-Injected:%201", "\\", "%5C",
];

/** A path segment that is not what the API expects. */
function garbageSegment(rng: Rng): string {
  return rng.weighted<() => string>([
    [6, () => rng.pick(garbageSegments)],
    [2, () => percentEncode(nastyString(rng)).slice(0, 3_000)],
    [1, () => "a".repeat(rng.between(254, 3_000))],
    [1, () => rng.string(rng.between(1, 20), "ABCDEFabcdef0123456789-_.~")],
  ])();
}

function name(rng: Rng, resource: FuzzResource): string {
  const seeded = seededNames[resource.plural];
  return rng.weighted<() => string>([
    [seeded ? 8 : 0, () => seeded ?? ""],
    [3, () => rng.pick(knownNames)],
    [2, () => rng.pick(otherNames)],
    [1, () => rng.string(rng.between(1, 12), "abcdefghijklmnopqrstuvwxyz0123456789-")],
    [1, () => percentEncode(rng.pick(otherNames))],
    [1, () => garbageSegment(rng)],
  ])();
}

/** A random path: mostly resource-shaped (with near misses), some discovery/health, some pure garbage. */
export function randomPath(rng: Rng, method: string): FuzzPath {
  return rng.weighted<() => FuzzPath>([
    [80, () => resourcePath(rng, method)],
    // Discovery, health and OpenAPI are read-only: other methods there mostly just meet a 404.
    [method === "GET" || method === "HEAD" ? 14 : 3, () => ({ path: rng.pick(nonResourcePaths), resource: undefined, name: "", namespace: undefined, label: "non-resource" })],
    [6, () => garbagePath(rng)],
  ])();
}

function resourcePath(rng: Rng, method: string): FuzzPath {
  const resource = rng.weighted(resources.map((r) => [r.weight, r] as const));
  const segments: string[] = [];
  if (resource.group === "") segments.push("api", rng.chance(0.93) ? resource.version : rng.pick(["v2", "v1beta1", "V1", garbageSegment(rng)]));
  else {
    segments.push("apis", rng.chance(0.93) ? resource.group : rng.pick(["apps", "nope.io", "extensions", garbageSegment(rng)]));
    segments.push(rng.chance(0.93) ? resource.version : rng.pick(["v1beta1", "v2", "v1", garbageSegment(rng)]));
  }
  if (rng.chance(0.05)) segments.push("watch");
  let namespace: string | undefined;
  if (resource.namespaced ? rng.chance(0.85) : rng.chance(0.1)) {
    namespace = rng.chance(0.9) ? rng.weighted([[6, "fuzz-a"], [3, "fuzz-b"], [1, rng.pick(namespaces)]]) : garbageSegment(rng);
    segments.push("namespaces", namespace);
  }
  segments.push(rng.chance(0.95) ? resource.plural : rng.pick([resource.kind, resource.plural.toUpperCase(), `${resource.plural}s`, garbageSegment(rng)]));
  let objectName = "";
  // Collections take POST (and list/watch/deletecollection); objects take the rest.
  if (rng.chance(method === "POST" ? 0.15 : 0.7)) {
    objectName = name(rng, resource);
    segments.push(objectName);
    if (rng.chance(0.25)) segments.push(resource.subresources.length > 0 && rng.chance(0.8) ? rng.pick(resource.subresources) : garbageSegment(rng));
  }
  if (rng.chance(0.03)) segments.push(garbageSegment(rng));
  // Now and then one segment is replaced by something that is not what the API expects.
  if (rng.chance(0.08)) segments[rng.int(segments.length)] = garbageSegment(rng);
  const slashes = rng.chance(0.03) ? "//" : "/";
  const trailing = rng.chance(0.03) ? "/" : "";
  return {
    path: `/${segments.join(slashes)}${trailing}`,
    resource,
    name: objectName,
    namespace,
    label: `resource:${resource.plural}`,
  };
}

function garbagePath(rng: Rng): FuzzPath {
  const segments = Array.from({ length: rng.between(0, 7) }, () => (rng.chance(0.5) ? garbageSegment(rng) : rng.pick(["api", "apis", "v1", "namespaces", "default", "pods", "apps", "watch", ".."])));
  return { path: `/${segments.join("/")}`, resource: undefined, name: "", namespace: undefined, label: "garbage-path" };
}
