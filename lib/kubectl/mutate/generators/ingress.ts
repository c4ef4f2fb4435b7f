import type { JsonObject } from "../../../cluster/api/patch/json-value";
import { GeneratorError } from "./generator-error";

export type CreateIngressOptions = {
  name: string;
  rules: string[];
  ingressClass: string;
  defaultBackend: string;
  annotations: string[];
  namespace: string | undefined;
};

/**
 * kubectl's rule syntax, host/path=svcname:svcport[,tls[=secret]]. Like kubectl's regexp (unanchored at the end),
 * only a valid prefix is required: `svc:8080!` is accepted with port "8080!".
 */
const RULE = /^[\w*\-.]*\/.*=[\w-]+:[\w-]+/;

/** `kubectl create ingress` (create_ingress.go): validates the flags and builds the networking.k8s.io/v1 Ingress. */
export function ingressObject(o: CreateIngressOptions): JsonObject {
  if (o.defaultBackend === "" && o.rules.length === 0) {
    throw new GeneratorError(
      "not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)",
    );
  }
  for (const rule of o.rules) {
    if (!RULE.test(rule)) throw new GeneratorError(`rule ${rule} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
  }
  const annotations: Record<string, string> = {};
  for (const annotation of o.annotations) {
    const eq = annotation.indexOf("=");
    if (eq < 0) throw new GeneratorError(`annotation ${annotation} is invalid and should be in format key=[value]`);
    annotations[annotation.slice(0, eq)] = annotation.slice(eq + 1);
  }
  if (o.defaultBackend !== "" && o.defaultBackend.split(":").length !== 2) {
    throw new GeneratorError("default-backend should be in format servicename:serviceport");
  }
  const tls = tlsEntries(o.rules);
  const spec: JsonObject = {
    ...(o.ingressClass ? { ingressClassName: o.ingressClass } : {}),
    ...(o.defaultBackend ? { defaultBackend: backend(o.defaultBackend) } : {}),
    ...(tls.length > 0 ? { tls } : {}),
    ...(o.rules.length > 0 ? { rules: ingressRules(o.rules) } : {}),
  };
  const metadata: JsonObject = {
    name: o.name,
    ...(o.namespace ? { namespace: o.namespace } : {}),
    ...(o.annotations.length > 0 ? { annotations } : {}),
  };
  // Keys in the Go struct's order: a client dry-run's -o json prints the typed object as is.
  return { kind: "Ingress", apiVersion: "networking.k8s.io/v1", metadata, spec, status: { loadBalancer: {} } };
}

/** Rules of the same host (or of no host) share one entry; a trailing `*` makes a Prefix path, else Exact. */
function ingressRules(rules: string[]): JsonObject[] {
  const out: { host: string; paths: JsonObject[] }[] = [];
  for (const rule of rules) {
    const withoutTls = rule.split(",")[0] ?? "";
    const slash = withoutTls.indexOf("/");
    const host = withoutTls.slice(0, slash);
    const [pathPart = "", service = ""] = withoutTls.slice(slash + 1).split("=");
    let path = `/${pathPart}`;
    let pathType = "Exact";
    if (path.endsWith("*")) {
      pathType = "Prefix";
      path = path.slice(0, -1);
    }
    const entry = { path, pathType, backend: backend(service) };
    const existing = out.find((r) => r.host === host);
    if (existing) existing.paths.push(entry);
    else out.push({ host, paths: [entry] });
  }
  return out.map((r) => ({ ...(r.host ? { host: r.host } : {}), http: { paths: r.paths } }));
}

/**
 * A rule with exactly one comma is a TLS rule (kubectl does not look at the word after it); its secret is what
 * follows `=`. A host is listed once; hosts sharing a secret share an entry.
 */
function tlsEntries(rules: string[]): JsonObject[] {
  const entries: { hosts: string[]; secretName: string }[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const parts = rule.split(",");
    if (parts.length !== 2) continue;
    const host = rule.split("/")[0] ?? "";
    const secret = (parts[1] ?? "").split("=")[1] ?? "";
    if (seen.has(host)) continue;
    seen.add(host);
    const sharing = entries.find((e) => e.secretName === secret);
    if (sharing) sharing.hosts.push(host);
    else if (host !== "" || secret !== "") entries.push({ hosts: host ? [host] : [], secretName: secret });
  }
  return entries.map((e) => ({ ...(e.hosts.length > 0 ? { hosts: e.hosts } : {}), ...(e.secretName ? { secretName: e.secretName } : {}) }));
}

/** `svc:8080` → port.number, `svc:http` → port.name (intstr.Parse). */
function backend(service: string): JsonObject {
  const [name = "", port = ""] = service.split(":");
  const number = /^-?\d+$/.test(port) ? Number(port) : undefined;
  return { service: { name, port: number !== undefined && Number.isSafeInteger(number) ? { number } : { name: port } } };
}
