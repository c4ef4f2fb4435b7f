/**
 * Strategic-merge metadata: for a field, how a patch combines with it. These are the `patchStrategy` and
 * `patchMergeKey` struct tags of k8s.io/api (published as `x-kubernetes-patch-strategy` /
 * `x-kubernetes-patch-merge-key` in the OpenAPI documents), for the built-in kinds kubeclass serves.
 */
import { BUILT_IN_PATCH_META } from "./patch-meta-tables";

/** A tag value; "retainKeys" only matters through the `$retainKeys` directive a client sends. */
export type PatchStrategy = "merge" | "replace" | "retainKeys" | "merge,retainKeys";

export interface PatchMeta {
  readonly strategy: PatchStrategy;
  /** The key identifying list elements of a `merge` list of objects; absent for lists of scalars. */
  readonly mergeKey?: string;
}

/**
 * Looks a field up by its path of field names from the object's root, list elements skipped: a container's
 * ports are at `["spec", "containers", "ports"]`. Undefined means no tag: objects merge, lists are replaced.
 */
export type PatchMetaLookup = (path: readonly string[]) => PatchMeta | undefined;

/** Field paths (dot-joined) to their metadata. */
export type PatchMetaTable = Readonly<Record<string, PatchMeta>>;

/** A lookup over a table keyed by dot-joined paths. */
export function patchMetaFromTable(table: PatchMetaTable): PatchMetaLookup {
  const entries = new Map(Object.entries(table));
  return (path) => entries.get(path.join("."));
}

/** For kinds without strategic-merge support, e.g. custom resources: there Kubernetes refuses the patch type. */
export const noPatchMeta: PatchMetaLookup = () => undefined;

const LOOKUPS = new Map(
  Object.entries(BUILT_IN_PATCH_META).map(([groupKind, table]) => [groupKind, patchMetaFromTable(table)] as const),
);

/**
 * The lookup for a built-in kind (group "" is core), or undefined when kubeclass has no Go type for it — then a
 * strategic merge patch must be refused (Kubernetes answers 415 for custom resources).
 */
export function patchMetaFor(group: string, kind: string): PatchMetaLookup | undefined {
  return LOOKUPS.get(`${kind}.${group}`);
}

/** Every group/kind with strategic-merge support, as `Kind.group` (`Pod.`, `Deployment.apps`). */
export const STRATEGIC_MERGE_KINDS: readonly string[] = [...LOOKUPS.keys()];
