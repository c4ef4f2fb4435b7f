import { column, nameColumn } from "./columns";
import { docs } from "./descriptions";
import { parseTime } from "./format";
import type { Printer } from "./types";

/** time.Time.UTC().Format(time.RFC3339): whole seconds, `Z`; Go's zero time for a missing timestamp. */
export function rfc3339(value: unknown): string {
  const time = parseTime(value);
  if (!time) return "0001-01-01T00:00:00Z";
  return time.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * apiserver's default table convertor, for resources without a printer (Roles, ClusterRoles, LimitRanges,
 * CRDs…): NAME and CREATED AT, the latter an RFC 3339 timestamp rather than an age.
 */
export const defaultPrinter: Printer = {
  columns: [nameColumn, column("Created At", "date", docs.creationTimestamp)],
  cells: (object) => [object.metadata?.name ?? "", rfc3339(object.metadata?.creationTimestamp)],
};
