import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Subject } from "kubernetes-types/rbac/v1";
import { effectiveClusterRoleRules } from "./aggregation";
import { goQuote } from "./go-format";
import { serviceAccountUsername } from "./subjects";
import type { UserInfo } from "./user-info";

type MaybePromise<T> = T | Promise<T>;

/**
 * Where RBAC objects come from: plain rbac.authorization.k8s.io/v1 objects, as stored. The API server backs it
 * with an in-memory cache fed by the store's change feed (rbac-cache.ts); tests with `staticRbacSource`. Any
 * method may throw: the error becomes a resolution error, as a failing lister does in Kubernetes, and the rules
 * that could be read still count.
 */
export interface RbacSource {
  roles(namespace: string): MaybePromise<readonly Role[]>;
  roleBindings(namespace: string): MaybePromise<readonly RoleBinding[]>;
  clusterRoles(): MaybePromise<readonly ClusterRole[]>;
  clusterRoleBindings(): MaybePromise<readonly ClusterRoleBinding[]>;
  /**
   * Optional, for caching sources: a number that stays the same exactly as long as none of the objects change,
   * or undefined while the source cannot promise that (e.g. it is catching up with a write). Resolutions made
   * under one generation may be reused while it lasts (resolved-rules-cache.ts).
   */
  generation?(): number | undefined;
}

/**
 * How a missing role is worded. The authorizer reads through informer listers (`role.rbac.authorization.k8s.io
 * "x" not found`); the RBAC registry's escalation checks read through the store (`roles.rbac...`).
 */
export type NotFoundStyle = "lister" | "registry";

export class RoleNotFoundError extends Error {
  constructor(
    readonly resource: "roles" | "clusterroles",
    readonly roleName: string,
    style: NotFoundStyle,
  ) {
    const qualified = style === "lister" ? `${resource.slice(0, -1)}.rbac.authorization.k8s.io` : `${resource}.rbac.authorization.k8s.io`;
    super(`${qualified} ${goQuote(roleName)} not found`);
    this.name = "RoleNotFoundError";
  }
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Describes where an allowing rule came from, as Kubernetes' audit reason does. */
export type RuleSource =
  | { kind: "ClusterRoleBinding"; binding: ClusterRoleBinding; subject: Subject }
  | { kind: "RoleBinding"; binding: RoleBinding; namespace: string; subject: Subject };

function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === "ServiceAccount") {
    return `${s.kind} ${goQuote(`${s.name}/${s.namespace ? s.namespace : bindingNamespace}`)}`;
  }
  return `${s.kind} ${goQuote(s.name)}`;
}

export function describeRuleSource(src: RuleSource): string {
  const ref = src.binding.roleRef;
  if (src.kind === "ClusterRoleBinding") {
    return `ClusterRoleBinding ${goQuote(src.binding.metadata?.name ?? "")} of ${ref.kind} ${goQuote(ref.name)} to ${describeSubject(src.subject, "")}`;
  }
  const ns = src.binding.metadata?.namespace ?? src.namespace;
  return `RoleBinding ${goQuote(`${src.binding.metadata?.name ?? ""}/${ns}`)} of ${ref.kind} ${goQuote(ref.name)} to ${describeSubject(src.subject, ns)}`;
}

function appliesToUser(user: UserInfo, subject: Subject, namespace: string): boolean {
  switch (subject.kind) {
    case "User":
      return user.username === subject.name;
    case "Group":
      return user.groups.includes(subject.name);
    case "ServiceAccount": {
      // A subject without a namespace means the binding's own namespace.
      const saNamespace = subject.namespace ? subject.namespace : namespace;
      return saNamespace !== "" && user.username === serviceAccountUsername(saNamespace, subject.name);
    }
    default:
      return false;
  }
}

const firstApplyingSubject = (user: UserInfo, subjects: readonly Subject[] | undefined, namespace: string) =>
  (subjects ?? []).find((s) => appliesToUser(user, s, namespace));

/** A visitor sees each applying rule with its source, or an error; returning false stops the walk. */
export type RuleVisitor = (visit: { rule: PolicyRule; source: RuleSource } | { error: string }) => boolean;

/**
 * One consistent read of an RbacSource for the length of one decision: each list is fetched at most once and
 * aggregated ClusterRoles are computed once.
 */
export class RuleResolver {
  private clusterRolesP?: Promise<readonly ClusterRole[]>;
  private readonly rolesP = new Map<string, Promise<readonly Role[]>>();
  private readonly aggregated = new Map<string, PolicyRule[]>();

  constructor(
    private readonly source: RbacSource,
    private readonly notFound: NotFoundStyle = "lister",
  ) {}

  private clusterRoles() {
    this.clusterRolesP ??= Promise.resolve().then(() => this.source.clusterRoles());
    return this.clusterRolesP;
  }

  private roles(namespace: string) {
    let p = this.rolesP.get(namespace);
    if (!p) {
      p = Promise.resolve().then(() => this.source.roles(namespace));
      this.rolesP.set(namespace, p);
    }
    return p;
  }

  /** GetRoleReferenceRules: a Role is looked up in the binding's namespace; a ClusterRole cluster-wide. */
  async roleReferenceRules(roleRef: RoleRef, bindingNamespace: string): Promise<PolicyRule[]> {
    switch (roleRef.kind) {
      case "Role": {
        if (bindingNamespace === "") throw new RoleNotFoundError("roles", roleRef.name, this.notFound);
        const role = (await this.roles(bindingNamespace)).find((r) => r.metadata?.name === roleRef.name);
        if (!role) throw new RoleNotFoundError("roles", roleRef.name, this.notFound);
        return role.rules ?? [];
      }
      case "ClusterRole": {
        const all = await this.clusterRoles();
        const role = all.find((r) => r.metadata?.name === roleRef.name);
        if (!role) throw new RoleNotFoundError("clusterroles", roleRef.name, this.notFound);
        return effectiveClusterRoleRules(role, all, this.aggregated);
      }
      default:
        throw new Error(`unsupported role reference kind: ${goQuote(roleRef.kind)}`);
    }
  }

  /**
   * VisitRulesFor: every ClusterRoleBinding that names the user, then (for a namespace) every RoleBinding in
   * that namespace that does. A RoleBinding's rules, even a ClusterRole's, only ever reach this namespace.
   */
  async visitRulesFor(user: UserInfo, namespace: string, visitor: RuleVisitor): Promise<void> {
    let clusterBindings: readonly ClusterRoleBinding[] | undefined;
    try {
      clusterBindings = await this.source.clusterRoleBindings();
    } catch (err) {
      if (!visitor({ error: messageOf(err) })) return;
    }
    for (const binding of clusterBindings ?? []) {
      const subject = firstApplyingSubject(user, binding.subjects, "");
      if (!subject) continue;
      let rules: PolicyRule[];
      try {
        rules = await this.roleReferenceRules(binding.roleRef, "");
      } catch (err) {
        if (!visitor({ error: messageOf(err) })) return;
        continue;
      }
      const source: RuleSource = { kind: "ClusterRoleBinding", binding, subject };
      for (const rule of rules) if (!visitor({ rule, source })) return;
    }

    if (namespace === "") return;
    let bindings: readonly RoleBinding[] | undefined;
    try {
      bindings = await this.source.roleBindings(namespace);
    } catch (err) {
      if (!visitor({ error: messageOf(err) })) return;
    }
    for (const binding of bindings ?? []) {
      const subject = firstApplyingSubject(user, binding.subjects, namespace);
      if (!subject) continue;
      let rules: PolicyRule[];
      try {
        rules = await this.roleReferenceRules(binding.roleRef, namespace);
      } catch (err) {
        if (!visitor({ error: messageOf(err) })) return;
        continue;
      }
      const source: RuleSource = { kind: "RoleBinding", binding, namespace, subject };
      for (const rule of rules) if (!visitor({ rule, source })) return;
    }
  }

  /** RulesFor: every rule that applies, plus the errors met while resolving them. */
  async rulesFor(user: UserInfo, namespace: string): Promise<{ rules: PolicyRule[]; errors: string[] }> {
    const rules: PolicyRule[] = [];
    const errors: string[] = [];
    await this.visitRulesFor(user, namespace, (v) => {
      if ("error" in v) errors.push(v.error);
      else rules.push(v.rule);
      return true;
    });
    return { rules, errors };
  }
}

/** An RbacSource over fixed lists: for tests, seeds and anything else that already holds the objects. */
export function staticRbacSource(objects: {
  roles?: readonly Role[];
  roleBindings?: readonly RoleBinding[];
  clusterRoles?: readonly ClusterRole[];
  clusterRoleBindings?: readonly ClusterRoleBinding[];
}): RbacSource {
  return {
    roles: (ns) => (objects.roles ?? []).filter((r) => r.metadata?.namespace === ns),
    roleBindings: (ns) => (objects.roleBindings ?? []).filter((b) => b.metadata?.namespace === ns),
    clusterRoles: () => objects.clusterRoles ?? [],
    clusterRoleBindings: () => objects.clusterRoleBindings ?? [],
  };
}
