import type { AuditRecord } from "./serve-request";

/**
 * Which requests go to the audit log (the instructor's timeline and the STRIDE chapter's non-repudiation). As
 * Kubernetes' recommended policy for its own clusters does (cluster/gce audit policy): Events are not logged — a
 * pod's life writes four or more, they are a log themselves, and logging them would double the audit's cost —
 * and the platform's own components (controllers) are logged for what they change, not for what they read or
 * watch.
 */
export function audited(record: AuditRecord, who: "anyone" | "component"): boolean {
  if (record.resource === "events" && (record.group === "" || record.group === "events.k8s.io")) return false;
  if (who === "component" && (record.verb === "get" || record.verb === "list" || record.verb === "watch")) return false;
  return true;
}
