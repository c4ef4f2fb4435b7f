import { RuleResolver, type RbacSource, type RuleVisitor } from "./rbac-source";
import type { UserInfo } from "./user-info";

type Visit = Parameters<RuleVisitor>[0];

/**
 * The rules that apply to a user in a namespace, resolved once per generation of a caching RbacSource and then
 * replayed: a request from a user already seen costs a map lookup and the rule matching, not a walk of the
 * bindings and the aggregation of ClusterRoles. Any RBAC change starts a new generation and empties the memo.
 * Sources without generations (read afresh each time) are simply walked, as RuleResolver does.
 */
export class ResolvedRulesCache {
  private generation: number | undefined;
  private readonly visits = new Map<string, readonly Visit[]>();

  constructor(
    private readonly source: RbacSource,
    /** Past this many (user, namespace) pairs the memo starts over, so memory stays bounded. */
    private readonly maxEntries = 10_000,
  ) {}

  /** RuleResolver.visitRulesFor, from the memo when the source's generation allows. */
  async visitRulesFor(user: UserInfo, namespace: string, visitor: RuleVisitor): Promise<void> {
    const generation = this.source.generation?.();
    if (generation === undefined) return new RuleResolver(this.source).visitRulesFor(user, namespace, visitor);
    if (generation !== this.generation) {
      this.visits.clear();
      this.generation = generation;
    }
    // Only the username and groups decide which subjects match (a service account is a username).
    const key = `${namespace}\u0000${user.username}\u0000${user.groups.join("\u0000")}`;
    let visits = this.visits.get(key);
    if (!visits) {
      const collected: Visit[] = [];
      await new RuleResolver(this.source).visitRulesFor(user, namespace, (visit) => {
        collected.push(visit);
        return true;
      });
      visits = collected;
      // Kept only if nothing changed while resolving, so an entry never mixes two generations.
      if (this.source.generation?.() === generation && this.generation === generation) {
        if (this.visits.size >= this.maxEntries) this.visits.clear();
        this.visits.set(key, visits);
      }
    }
    for (const visit of visits) if (!visitor(visit)) return;
  }
}
