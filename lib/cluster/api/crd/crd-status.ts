import type { ResourceType } from "../resources/resource-type";
import type { Crd, CrdCondition, CrdNames } from "./crd-object";

// What apiextensions' naming and establishing controllers write into a CRD's status, computed here whenever
// the CRD is written: the names it is granted (a name another resource of the group already uses is refused,
// keeping the one granted before), NamesAccepted, and Established once the names were accepted.

export type NamesInUse = { resources: Set<string>; kinds: Set<string> };

/** Names the group's other resources hold: other CRDs' accepted names and the built-in types of that group. */
export function namesInUse(group: string, otherCrds: readonly Crd[], builtins: readonly ResourceType[]): NamesInUse {
  const resources = new Set<string>();
  const kinds = new Set<string>();
  for (const crd of otherCrds) {
    const names = crd.acceptedNames;
    if (crd.group !== group || !names) continue;
    for (const name of [names.plural, names.singular, ...names.shortNames]) if (name) resources.add(name);
    for (const kind of [names.kind, names.listKind]) if (kind) kinds.add(kind);
  }
  for (const type of builtins) {
    if (type.group !== group || type.custom) continue;
    for (const name of [type.plural, type.singular, ...type.shortNames]) resources.add(name);
    kinds.add(type.kind).add(type.listKind);
  }
  return { resources, kinds };
}

const fresh = (requested: string, accepted: string, used: Set<string>): string | undefined =>
  requested === accepted || !used.has(requested) ? undefined : `"${requested}" is already in use`;

type Acceptance = { names: CrdNames; conflict?: { reason: string; message: string } };

function acceptNames(requested: CrdNames, accepted: CrdNames | undefined, used: NamesInUse): Acceptance {
  const before: CrdNames = accepted ?? { plural: "", singular: "", kind: "", listKind: "", shortNames: [], categories: [] };
  const names: CrdNames = { ...before, categories: requested.categories };
  let conflict: Acceptance["conflict"];
  const check = (field: "plural" | "singular" | "kind" | "listKind", reason: string, pool: Set<string>) => {
    const message = fresh(requested[field], before[field], pool);
    if (message) conflict = { reason, message };
    else names[field] = requested[field];
  };
  check("plural", "PluralConflict", used.resources);
  check("singular", "SingularConflict", used.resources);
  const taken = requested.shortNames
    .filter((s) => !before.shortNames.includes(s))
    .map((s) => fresh(s, "", used.resources))
    .filter((m): m is string => m !== undefined);
  if (taken.length > 0) conflict = { reason: "ShortNamesConflict", message: taken.length === 1 ? taken[0]! : `[${taken.join(", ")}]` };
  else names.shortNames = requested.shortNames;
  check("kind", "KindConflict", used.kinds);
  check("listKind", "ListKindConflict", used.kinds);
  return { names, ...(conflict ? { conflict } : {}) };
}

/** A condition at `now`, keeping its last transition time when its status did not change. */
function condition(previous: readonly CrdCondition[], next: Omit<CrdCondition, "lastTransitionTime">, now: string): CrdCondition {
  const old = previous.find((c) => c.type === next.type);
  const lastTransitionTime = old && old.status === next.status && old.lastTransitionTime ? old.lastTransitionTime : now;
  return { type: next.type, status: next.status, lastTransitionTime, reason: next.reason ?? "", message: next.message ?? "" };
}

function namesJson(names: CrdNames): Record<string, unknown> {
  return {
    ...(names.categories.length > 0 ? { categories: names.categories } : {}),
    kind: names.kind,
    listKind: names.listKind,
    plural: names.plural,
    ...(names.shortNames.length > 0 ? { shortNames: names.shortNames } : {}),
    singular: names.singular,
  };
}

/**
 * The CRD's status after the naming and establishing controllers have looked at it. Conditions other than
 * NamesAccepted and Established (Terminating) are kept; storedVersions gains the storage version.
 */
export function crdStatus(crd: Crd, previousStatus: Record<string, unknown>, used: NamesInUse, now: string): Record<string, unknown> {
  const { names, conflict } = acceptNames(crd.names, crd.acceptedNames, used);
  const wasEstablished = crd.conditions.some((c) => c.type === "Established" && c.status === "True");
  const namesAccepted = conflict
    ? { type: "NamesAccepted", status: "False", ...conflict }
    : { type: "NamesAccepted", status: "True", reason: "NoConflicts", message: "no conflicts found" };
  const established =
    wasEstablished || !conflict
      ? { type: "Established", status: "True", reason: "InitialNamesAccepted", message: "the initial names have been accepted" }
      : { type: "Established", status: "False", reason: "NotAccepted", message: "not all names are accepted" };
  const others = crd.conditions.filter((c) => c.type !== "NamesAccepted" && c.type !== "Established");
  const conditions = [condition(crd.conditions, namesAccepted, now), condition(crd.conditions, established, now), ...others];
  const stored = Array.isArray(previousStatus.storedVersions) ? previousStatus.storedVersions.filter((v): v is string => typeof v === "string") : [];
  const storage = crd.versions.find((v) => v.storage)?.name;
  const storedVersions = storage && !stored.includes(storage) ? [...stored, storage] : stored;
  return { ...previousStatus, acceptedNames: namesJson(names), conditions, storedVersions };
}
