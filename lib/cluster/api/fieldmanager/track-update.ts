import type { Comparison } from "./compare-objects";
import { sameIdentity, type ManagedEntry, type ManagerIdentity } from "./managed-entries";

/**
 * Field ownership after a non-apply write (create, update, patch): the writer takes every field it added or
 * changed, and those fields leave everyone else's sets; removed fields leave every set. The writer's entry
 * gets a new time only when it took something, so a no-op write leaves managedFields as they were.
 */
export function trackUpdate(entries: readonly ManagedEntry[], changes: Comparison, writer: Omit<ManagerIdentity, "operation">, time: string): ManagedEntry[] {
  const identity: ManagerIdentity = { ...writer, operation: "Update" };
  const taken = changes.added.union(changes.modified);
  const next = entries.map((entry) => ({ ...entry, fields: entry.fields.difference(taken).difference(changes.removed) }));
  if (!taken.isEmpty()) {
    const mine = next.find((entry) => sameIdentity(entry, identity));
    if (mine) {
      mine.fields = mine.fields.union(taken);
      mine.time = time;
      mine.apiVersion = writer.apiVersion;
    } else {
      next.push({ ...identity, time, fields: taken });
    }
  }
  return next.filter((entry) => !entry.fields.isEmpty());
}
