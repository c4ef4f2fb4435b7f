import type { PlatformUser } from "../auth/platform-user";
import type { PrismaClient } from "../db/generated/prisma/client";

export type ActivityEntry = {
  at: Date;
  verb: string;
  resource: string;
  namespace: string;
  name: string;
  code: number;
  latencyMs: number;
};

/**
 * The user's own requests to the cluster API, newest first, from the audit log (which names people by their
 * cluster username, the e-mail address). `before` pages back through older entries.
 */
export async function listMyActivity(
  deps: { prisma: PrismaClient },
  actor: PlatformUser,
  input: { before?: Date; limit?: number } = {},
): Promise<ActivityEntry[]> {
  const limit = Math.min(Math.max(input.limit ?? 100, 1), 500);
  const rows = await deps.prisma.auditEvent.findMany({
    where: { username: actor.email, ...(input.before ? { at: { lt: input.before } } : {}) },
    orderBy: { at: "desc" },
    take: limit,
  });
  return rows.map((row) => ({
    at: row.at,
    verb: row.verb,
    // kubectl's spelling: deployments.apps/scale
    resource: `${row.resource}${row.group ? `.${row.group}` : ""}${row.subresource ? `/${row.subresource}` : ""}`,
    namespace: row.namespace,
    name: row.name,
    code: row.code,
    latencyMs: row.latencyMs,
  }));
}
