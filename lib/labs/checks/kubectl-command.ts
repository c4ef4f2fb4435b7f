// Recognises `kubectl <verb> <resource>` in a terminal line, whatever the flags and resource spelling:
// `kubectl -n x scale deploy/web --replicas=5` matches {verb: scale, resource: deployment}.
const ALIASES: Record<string, string[]> = {
  pods: ["po", "pod"],
  services: ["svc", "service"],
  deployments: ["deploy", "deployment", "deployments.apps", "deployment.apps"],
  replicasets: ["rs", "replicaset"],
  statefulsets: ["sts", "statefulset"],
  daemonsets: ["ds", "daemonset"],
  configmaps: ["cm", "configmap"],
  secrets: ["secret"],
  namespaces: ["ns", "namespace"],
  nodes: ["no", "node"],
  persistentvolumeclaims: ["pvc", "persistentvolumeclaim"],
  persistentvolumes: ["pv", "persistentvolume"],
  storageclasses: ["sc", "storageclass"],
  ingresses: ["ing", "ingress"],
  endpoints: ["ep"],
  endpointslices: ["endpointslice"],
  events: ["ev", "event"],
  serviceaccounts: ["sa", "serviceaccount"],
  jobs: ["job"],
  cronjobs: ["cj", "cronjob"],
  roles: ["role"],
  rolebindings: ["rolebinding"],
  clusterroles: ["clusterrole"],
  clusterrolebindings: ["clusterrolebinding"],
  customresourcedefinitions: ["crd", "crds", "customresourcedefinition"],
};

const canonical = new Map<string, string>();
for (const [plural, names] of Object.entries(ALIASES)) {
  canonical.set(plural, plural);
  for (const n of names) canonical.set(n, plural);
}
export const canonicalResource = (r: string): string => canonical.get(r.toLowerCase()) ?? r.toLowerCase();

// Flags whose value is the next word unless written `--flag=value`.
const VALUE_FLAGS = new Set([
  "-n", "--namespace", "-f", "--filename", "-o", "--output", "-l", "--selector", "-c", "--container",
  "--context", "--kubeconfig", "--as", "--as-group", "--cluster", "--user", "-k", "--field-selector", "--image",
  "--replicas", "--type", "--port", "--from-literal", "--from-file", "--to-revision", "--sort-by",
]);

function positionals(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? "";
    if (w === "--") break;
    if (w.startsWith("-")) {
      if (VALUE_FLAGS.has(w)) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

export function matchesKubectl(line: string, want: { verb: string; resource?: string }): boolean {
  // A line may chain commands (`kubectl apply -f x && kubectl get pods`); test each.
  return line.split(/&&|\|\||;|\|/).some((part) => {
    const words = part.trim().split(/\s+/);
    const at = words.findIndex((w) => w === "kubectl" || w.endsWith("/kubectl") || w === "k");
    if (at < 0) return false;
    const args = positionals(words.slice(at + 1));
    const verb = want.verb.trim().split(/\s+/);
    if (!verb.every((v, i) => args[i] === v)) return false;
    if (want.resource === undefined) return true;
    const target = canonicalResource(want.resource);
    return args.slice(verb.length).some((arg) =>
      arg.split("/")[0]!.split(",").some((r) => canonicalResource(r) === target),
    );
  });
}

/**
 * The line with the terminal's `k` alias spelled out where it starts a command (`k get po | grep x && k logs y`
 * → `kubectl get po | grep x && kubectl logs y`), so a lab's `pattern: "kubectl\\s+logs"` accepts either.
 */
export function expandKubectlAlias(line: string): string {
  return line.replace(/(^|&&|\|\||;|\|)(\s*)k(?=\s|$)/g, "$1$2kubectl");
}
