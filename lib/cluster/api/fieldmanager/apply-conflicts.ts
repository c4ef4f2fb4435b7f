import { ApiError, type StatusCause } from "../status";
import type { ManagerIdentity } from "./managed-entries";
import { byCodePoint, displayPath, type Path } from "./path-element";

export type Conflict = { owner: ManagerIdentity; path: Path };

/** An apply that would change fields other managers own (and did not force). */
export class ApplyConflicts extends Error {
  constructor(readonly conflicts: readonly Conflict[]) {
    super(`${conflicts.length} apply conflicts`);
  }
}

/**
 * How conflicts name their owner: `"kubectl-client-side-apply" using apps/v1` for an updater (it owns fields
 * per API version), `"kubectl"` for an applier, `… with subresource "scale"` when owned through one.
 */
export function describeOwner(owner: ManagerIdentity): string {
  let text = JSON.stringify(owner.manager);
  if (owner.subresource !== "") text += ` with subresource ${JSON.stringify(owner.subresource)}`;
  return owner.operation === "Update" ? `${text} using ${owner.apiVersion}` : text;
}

/** Kubernetes' 409 for apply conflicts: one cause per field, the message grouped by owner when there are many. */
export function conflictError(conflicts: readonly Conflict[]): ApiError {
  const sorted = [...conflicts].sort((a, b) => byCodePoint(ownerKey(a.owner), ownerKey(b.owner)) || comparePaths(a.path, b.path));
  const causes: StatusCause[] = sorted.map((c) => ({
    reason: "FieldManagerConflict",
    message: `conflict with ${describeOwner(c.owner)}`,
    field: displayPath(c.path),
  }));
  return new ApiError(409, "Conflict", conflictMessage(sorted), { causes });
}

function conflictMessage(conflicts: readonly Conflict[]): string {
  const [only] = conflicts;
  if (conflicts.length === 1 && only) return `Apply failed with 1 conflict: conflict with ${describeOwner(only.owner)}: ${displayPath(only.path)}`;
  const lines: string[] = [];
  let previous = "";
  for (const { owner, path } of conflicts) {
    if (ownerKey(owner) !== previous) lines.push(`conflicts with ${describeOwner(owner)}:`);
    previous = ownerKey(owner);
    lines.push(`- ${displayPath(path)}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join("\n")}`;
}

/** Owners sort as Kubernetes sorts their JSON identities: by name, then operation, version, subresource. */
function ownerKey(owner: ManagerIdentity): string {
  return JSON.stringify({
    manager: owner.manager,
    operation: owner.operation,
    ...(owner.operation === "Update" && owner.apiVersion ? { apiVersion: owner.apiVersion } : {}),
    ...(owner.subresource ? { subresource: owner.subresource } : {}),
  });
}

/** A field set's iteration order: at each level, paths ending there before deeper ones, each group sorted. */
export function comparePaths(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    const aEnds = i === a.length - 1;
    const bEnds = i === b.length - 1;
    if (aEnds !== bEnds) return aEnds ? -1 : 1;
    return byCodePoint(a[i]!, b[i]!);
  }
  return a.length - b.length;
}
