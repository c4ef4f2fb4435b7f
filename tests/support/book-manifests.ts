import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ControllerCluster } from "./controller-cluster";
import { repoRoot } from "./processes";

/**
 * The book's manifests as learners get them (labs/manifests/<chapter>/<file>), applied with `kubectl apply -f
 * <file>` exactly as a learner would type it, and small readers for the state they should reach.
 */
export function bookManifest(chapter: string, file: string): string {
  const path = join(repoRoot, "labs", "manifests", chapter, file);
  if (!existsSync(path)) throw new Error(`no manifest ${chapter}/${file}`);
  return path;
}

/** `kubectl [-n namespace] apply -f labs/manifests/<chapter>/<file>`; stdout. */
export function applyBook(cluster: ControllerCluster, chapter: string, file: string, namespace?: string): Promise<string> {
  return cluster.k(...(namespace ? ["-n", namespace] : []), "apply", "-f", bookManifest(chapter, file));
}

export type Obj = {
  metadata: { name: string; namespace?: string; uid: string; generation?: number; deletionTimestamp?: string; labels?: Record<string, string>; annotations?: Record<string, string>; creationTimestamp: string; ownerReferences?: { kind: string; name: string }[] };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
} & Record<string, unknown>;

/** `kubectl get <args> -o json`, parsed: one object, or a List's items. */
export async function getJson(kubectl: (...args: string[]) => Promise<string>, ...args: string[]): Promise<Obj> {
  return JSON.parse(await kubectl("get", ...args, "-o", "json")) as Obj;
}

export async function listJson(kubectl: (...args: string[]) => Promise<string>, ...args: string[]): Promise<Obj[]> {
  return (JSON.parse(await kubectl("get", ...args, "-o", "json")) as { items: Obj[] }).items;
}

/** Names from `kubectl get <args> -o name`, sorted (e.g. `pod/web-0`). */
export async function names(kubectl: (...args: string[]) => Promise<string>, ...args: string[]): Promise<string[]> {
  return (await kubectl("get", ...args, "-o", "name")).trim().split("\n").filter(Boolean).sort();
}
