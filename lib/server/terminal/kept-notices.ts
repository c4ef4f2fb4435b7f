/**
 * Notices kept for a while by key (one per classroom: the latest broadcast replaces the one before), so a terminal
 * opened soon after still shows them. In memory: the terminals they are shown in live in this process too.
 */
export class KeptNotices {
  private readonly byKey = new Map<string, { userIds: ReadonlySet<string>; text: string; untilMs: number }>();

  keep(key: string, userIds: ReadonlySet<string>, text: string, untilMs: number, nowMs: number): void {
    this.prune(nowMs);
    // Deleted first so the map's order stays the order they were sent in.
    this.byKey.delete(key);
    this.byKey.set(key, { userIds, text, untilMs });
  }

  /** The notices still current for this user, oldest first. */
  for(userId: string, nowMs: number): string[] {
    this.prune(nowMs);
    return [...this.byKey.values()].filter((n) => n.userIds.has(userId)).map((n) => n.text);
  }

  get size(): number {
    return this.byKey.size;
  }

  private prune(nowMs: number): void {
    for (const [key, notice] of this.byKey) if (notice.untilMs <= nowMs) this.byKey.delete(key);
  }
}
