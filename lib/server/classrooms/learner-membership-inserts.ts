import { ReadBatcher } from "../store/read-batcher";
import type { Membership, PrismaClient } from "../db/generated/prisma/client";

export type LearnerMembershipRow = { userId: string; classroomId: string; namespace: string };

/** A row's outcome within its batch: inserted, its key taken (undefined), or its own failure. */
type Outcome = { membership: Membership | undefined } | { error: unknown };

const batchers = new WeakMap<PrismaClient, ReadBatcher<LearnerMembershipRow, Outcome>>();

/**
 * Inserts learner memberships, the joins that arrive together as one INSERT … ON CONFLICT DO NOTHING: when a
 * whole class types the invite code at once, 200 joins cost Postgres and this process about what a few inserts
 * do, not 200 round trips. Resolves to the row inserted, or undefined when a unique key was taken (the learner
 * joined already, or another membership holds the namespace name) — the caller finds out which.
 */
export async function insertLearnerMembership(prisma: PrismaClient, row: LearnerMembershipRow): Promise<Membership | undefined> {
  let batcher = batchers.get(prisma);
  if (!batcher) {
    batcher = new ReadBatcher<LearnerMembershipRow, Outcome>({ send: (rows) => insertAll(prisma, rows), maxBatch: 500, maxInFlight: 1 });
    batchers.set(prisma, batcher);
  }
  const outcome = await batcher.read(row);
  if ("error" in outcome) throw outcome.error;
  return outcome.membership;
}

async function insertAll(prisma: PrismaClient, rows: LearnerMembershipRow[]): Promise<Outcome[]> {
  let inserted: Membership[];
  try {
    inserted = await prisma.membership.createManyAndReturn({ data: rows.map((row) => ({ ...row, role: "LEARNER" as const })), skipDuplicates: true });
  } catch (error) {
    if (rows.length === 1) return [{ error }];
    // One bad row (its account deleted meanwhile) must not fail the others' joins: each goes again on its own.
    return (await Promise.all(rows.map((row) => insertAll(prisma, [row])))).flat();
  }
  const byKey = new Map(inserted.map((m) => [`${m.userId} ${m.classroomId}`, m]));
  // The same learner twice in one batch (two tabs): the first gets the row, the second finds it as a member would.
  return rows.map((row) => {
    const key = `${row.userId} ${row.classroomId}`;
    const membership = byKey.get(key);
    byKey.delete(key);
    return { membership: membership && membership.namespace === row.namespace ? membership : undefined };
  });
}
