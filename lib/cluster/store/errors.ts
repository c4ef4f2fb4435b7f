import type { ObjectKey } from "./object-store";

/** Failures a store reports; the API layer turns each into the matching Kubernetes Status. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly key?: ObjectKey,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends StoreError {}
export class AlreadyExistsError extends StoreError {}
/** The object changed since the caller read it (resourceVersion precondition failed). */
export class ConflictError extends StoreError {}
/** A watch or paged list asked for a revision older than the history the store keeps (HTTP 410 Gone). */
export class ExpiredError extends StoreError {}
/**
 * A watcher fell further behind the live changes than its buffer holds, and was ended rather than let memory
 * grow. Nothing is lost: a new watch from the last revision received resumes exactly where it stopped (the
 * Kubernetes watch cache closes slow watchers the same way; clients simply re-watch).
 */
export class SlowWatcherError extends StoreError {}

/** `pods "web" in namespace "shop"`, for messages. */
export function describeKey(key: ObjectKey): string {
  const resource = key.group ? `${key.resource}.${key.group}` : key.resource;
  return `${resource} "${key.name}"${key.namespace ? ` in namespace "${key.namespace}"` : ""}`;
}
