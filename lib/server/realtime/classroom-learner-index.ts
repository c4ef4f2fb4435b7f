import type { PrismaClient } from "../db/generated/prisma/client";

/**
 * Which watched classrooms a learner belongs to, by user id or by API username (e-mail), so an activity event
 * finds its classrooms without a query. Only classrooms someone is watching are kept; `refresh` reloads all of
 * them in one query (on a timer, and when an event names someone unknown: a learner who just joined).
 */
export class ClassroomLearnerIndex {
  private readonly learners = new Map<string, Set<string>>(); // classroomId → userIds
  private readonly classroomsOf = new Map<string, Set<string>>(); // userId → classroomIds
  private readonly userByEmail = new Map<string, string>();
  private lastRefresh = 0;

  constructor(private readonly prisma: PrismaClient) {}

  get watched(): string[] {
    return [...this.learners.keys()];
  }

  isWatched(classroomId: string): boolean {
    return this.learners.has(classroomId);
  }

  async watch(classroomId: string): Promise<void> {
    if (this.learners.has(classroomId)) return;
    await this.load([classroomId]);
  }

  unwatch(classroomId: string): void {
    this.learners.delete(classroomId);
    this.rebuild();
  }

  classroomsOfUser(userId: string): ReadonlySet<string> | undefined {
    return this.classroomsOf.get(userId);
  }

  userIdOf(email: string): string | undefined {
    return this.userByEmail.get(email.toLowerCase());
  }

  /** Reloads every watched classroom; `minIntervalMs` skips the reload if the last one was that recent. */
  async refresh(minIntervalMs = 0): Promise<boolean> {
    if (performance.now() - this.lastRefresh < minIntervalMs || this.learners.size === 0) return false;
    await this.load(this.watched);
    return true;
  }

  private async load(classroomIds: string[]): Promise<void> {
    this.lastRefresh = performance.now();
    const rows = await this.prisma.membership.findMany({
      where: { classroomId: { in: classroomIds }, role: "LEARNER" },
      select: { classroomId: true, user: { select: { id: true, email: true } } },
    });
    const fresh = new Map(classroomIds.map((id) => [id, new Set<string>()]));
    for (const row of rows) {
      fresh.get(row.classroomId)!.add(row.user.id);
      this.userByEmail.set(row.user.email, row.user.id);
    }
    for (const [id, users] of fresh) this.learners.set(id, users);
    this.rebuild();
  }

  private rebuild(): void {
    this.classroomsOf.clear();
    for (const [classroomId, users] of this.learners) {
      for (const userId of users) {
        const set = this.classroomsOf.get(userId) ?? new Set<string>();
        this.classroomsOf.set(userId, set.add(classroomId));
      }
    }
    const known = new Set(this.classroomsOf.keys());
    for (const [email, userId] of this.userByEmail) if (!known.has(userId)) this.userByEmail.delete(email);
  }
}
