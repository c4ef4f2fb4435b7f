import type { KubeObject } from "../store/object-store";

// Which backend an Ingress controller sends a request to, by the rules of networking.k8s.io/v1 Ingress:
// a rule's host matches exactly, or a wildcard `*.foo.com` matches exactly one more DNS label; within the
// matching rules, paths of type Exact must equal the request path and Prefix paths match element-wise on `/`
// (ImplementationSpecific is treated as Prefix, as ingress-nginx does); the longest matching path wins, with
// Exact before Prefix at equal length. Nothing matching falls to spec.defaultBackend, else to ingress-nginx's
// own default backend, which answers 404.

export type IngressBackend = { service: string; port: number | string; namespace: string; ingress: string };
export type IngressRoute = { kind: "backend"; backend: IngressBackend } | { kind: "not-found"; status: 404; contentType: "text/html"; body: string };

type ServiceBackend = { service?: { name?: string; port?: { number?: number; name?: string } } };
type HttpPath = { path?: string; pathType?: string; backend?: ServiceBackend };
type Rule = { host?: string; http?: { paths?: HttpPath[] } };
type Spec = { rules?: Rule[]; defaultBackend?: ServiceBackend };

/** The page ingress-nginx's default backend serves when no rule matches. */
export const ingressNotFoundPage =
  "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

const defaultClassAnnotation = "ingressclass.kubernetes.io/is-default-class";
/** The pre-IngressClass way of naming a class, still honoured by ingress-nginx. */
const legacyClassAnnotation = "kubernetes.io/ingress.class";

const annotation = (object: KubeObject, name: string) => (object.metadata.annotations as Record<string, string> | undefined)?.[name];

/**
 * The Ingresses a controller serves: those naming one of its IngressClasses (spec.ingressClassName, or the legacy
 * annotation), and those naming none when one of its classes is the default.
 */
export function ingressesServedBy(controller: string, ingresses: KubeObject[], classes: KubeObject[]): KubeObject[] {
  const ours = classes.filter((c) => (c.spec as { controller?: string } | undefined)?.controller === controller);
  const isDefault = ours.some((c) => annotation(c, defaultClassAnnotation) === "true");
  return ingresses.filter((ingress) => {
    const named = (ingress.spec as { ingressClassName?: string } | undefined)?.ingressClassName ?? annotation(ingress, legacyClassAnnotation);
    return named ? ours.some((c) => c.metadata.name === named) : isDefault;
  });
}

/** Host match: exact (case-insensitive), or `*.suffix` covering exactly one leading label. Empty host: any. */
export function hostMatches(ruleHost: string | undefined, host: string): boolean {
  if (!ruleHost) return true;
  const wanted = ruleHost.toLowerCase();
  const actual = host.toLowerCase().replace(/:\d+$/, "");
  if (!wanted.startsWith("*.")) return wanted === actual;
  const dot = actual.indexOf(".");
  return dot > 0 && actual.slice(dot) === wanted.slice(1);
}

/** Prefix match element-wise: `/foo` matches `/foo` and `/foo/bar`, not `/foobar`; trailing slashes ignored. */
export function prefixMatches(prefix: string, path: string): boolean {
  const want = prefix.split("/").filter(Boolean);
  const have = path.split("/").filter(Boolean);
  return want.length <= have.length && want.every((element, i) => have[i] === element);
}

function toBackend(backend: ServiceBackend | undefined, ingress: KubeObject): IngressBackend | undefined {
  const name = backend?.service?.name;
  if (!name) return undefined;
  const port = backend.service?.port?.number ?? backend.service?.port?.name ?? 80;
  return { service: name, port, namespace: ingress.metadata.namespace ?? "", ingress: ingress.metadata.name ?? "" };
}

type Candidate = { backend: IngressBackend; length: number; exact: boolean };

/** How specific a rule's host is: exact host, then wildcard, then none (nginx picks the server block first). */
const hostRank = (host: string | undefined) => (!host ? 0 : host.startsWith("*.") ? 1 : 2);

/** Longest path wins; at equal length Exact beats Prefix. */
const better = (a: Candidate, b: Candidate | undefined) => !b || a.length > b.length || (a.length === b.length && a.exact && !b.exact);

const age = (ingress: KubeObject) => `${typeof ingress.metadata.creationTimestamp === "string" ? ingress.metadata.creationTimestamp : ""} ${ingress.metadata.namespace ?? ""}/${ingress.metadata.name ?? ""}`;

/** Routes (host, path) across the Ingresses an ingress controller serves (see ingressesServedBy). */
export function routeIngress(served: KubeObject[], host: string, rawPath: string): IngressRoute {
  const path = (rawPath.split("?")[0] ?? "/") || "/";
  // On a tie the oldest Ingress wins, as ingress-nginx orders them by creation time.
  const ingresses = [...served].sort((a, b) => age(a).localeCompare(age(b)));
  const rules = ingresses.flatMap((ingress) =>
    ((ingress.spec as Spec | undefined)?.rules ?? []).filter((rule) => hostMatches(rule.host, host)).map((rule) => ({ ingress, rule })),
  );
  // Only the most specific matching host's rules take part, as a request lands in one nginx server block.
  const rank = Math.max(-1, ...rules.map(({ rule }) => hostRank(rule.host)));
  let best: Candidate | undefined;
  for (const { ingress, rule } of rules) {
    if (hostRank(rule.host) !== rank) continue;
    for (const entry of rule.http?.paths ?? []) {
      const rulePath = entry.path ?? "/";
      const exact = entry.pathType === "Exact";
      const backend = toBackend(entry.backend, ingress);
      if (!backend || !(exact ? rulePath === path : prefixMatches(rulePath, path))) continue;
      const candidate = { backend, length: rulePath.length, exact };
      if (better(candidate, best)) best = candidate;
    }
  }
  if (best) return { kind: "backend", backend: best.backend };
  for (const ingress of ingresses) {
    const fallback = toBackend((ingress.spec as Spec | undefined)?.defaultBackend, ingress);
    if (fallback) return { kind: "backend", backend: fallback };
  }
  return { kind: "not-found", status: 404, contentType: "text/html", body: ingressNotFoundPage };
}
