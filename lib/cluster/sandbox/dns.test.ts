import { describe, expect, it } from "vitest";
import { resourceName, type ResourceId } from "../controllers/runtime/resource-id";
import type { KubeObject } from "../store/object-store";
import { candidateNames, resolve, resolverConfig, type DnsSource } from "./dns";

/** An in-memory stand-in for the informer cache. */
function source(objects: { resource: string; object: KubeObject }[]): DnsSource {
  const of = (resource: ResourceId) => objects.filter((o) => o.resource === resourceName(resource)).map((o) => o.object);
  return {
    get: (resource, namespace, name) => of(resource).find((o) => (o.metadata.namespace ?? "") === namespace && o.metadata.name === name),
    list: (resource, namespace) => of(resource).filter((o) => namespace === undefined || o.metadata.namespace === namespace),
  };
}

const svc = (namespace: string, name: string, spec: Record<string, unknown>) => ({
  resource: "services",
  object: { apiVersion: "v1", kind: "Service", metadata: { namespace, name }, spec } as KubeObject,
});

const slice = (namespace: string, service: string, endpoints: unknown[], ports: unknown[] = []) => ({
  resource: "endpointslices.discovery.k8s.io",
  object: { metadata: { namespace, name: `${service}-abcde`, labels: { "kubernetes.io/service-name": service } }, addressType: "IPv4", endpoints, ports } as KubeObject,
});

const cluster = source([
  svc("kube-system", "kube-dns", { clusterIP: "10.96.0.10" }),
  svc("default", "kubernetes", { clusterIP: "10.96.0.1", ports: [{ name: "https", port: 443 }] }),
  svc("shop", "web", { clusterIP: "10.100.20.30", ports: [{ name: "http", port: 80, protocol: "TCP" }] }),
  svc("shop", "db", { clusterIP: "None", ports: [{ name: "pg", port: 5432 }] }),
  svc("shop", "old-site", { type: "ExternalName", externalName: "example.com" }),
  svc("shop", "alias", { type: "ExternalName", externalName: "web.shop.svc.cluster.local" }),
  slice(
    "shop",
    "db",
    [
      { addresses: ["10.244.1.7"], hostname: "db-0", conditions: { ready: true } },
      { addresses: ["10.244.2.8"], hostname: "db-1", conditions: { ready: true } },
      { addresses: ["10.244.3.9"], hostname: "db-2", conditions: { ready: false } },
    ],
    [{ name: "pg", port: 5432, protocol: "TCP" }],
  ),
]);

const addresses = (answer: ReturnType<typeof resolve>) => answer.records.flatMap((r) => (r.type === "A" ? [r.address] : []));

describe("cluster DNS", () => {
  it("gives a pod its resolv.conf: kube-dns as the server, its namespace first in the search path", () => {
    expect(resolverConfig(cluster, "shop")).toEqual({
      nameserver: "10.96.0.10",
      search: ["shop.svc.cluster.local", "svc.cluster.local", "cluster.local"],
      options: ["ndots:5"],
    });
  });

  it("resolves a Service by every form of its name, short names through the search path", () => {
    for (const [query, namespace] of [["web", "shop"], ["web.shop", "other"], ["web.shop.svc", "other"], ["web.shop.svc.cluster.local", "other"], ["web.shop.svc.cluster.local.", "other"]] as const) {
      const answer = resolve(cluster, query, { namespace });
      expect(answer).toMatchObject({ rcode: "NOERROR", name: "web.shop.svc.cluster.local.", server: { address: "10.96.0.10", port: 53 } });
      expect(addresses(answer)).toEqual(["10.100.20.30"]);
    }
    expect(resolve(cluster, "web.shop", { namespace: "other" }).tried).toEqual(["web.shop.other.svc.cluster.local.", "web.shop.svc.cluster.local."]);
    expect(addresses(resolve(cluster, "kubernetes.default", { namespace: "shop" }))).toEqual(["10.96.0.1"]);
  });

  it("answers NXDOMAIN for a name in another namespace asked short, after trying the whole search path", () => {
    const answer = resolve(cluster, "web", { namespace: "other" });
    expect(answer.rcode).toBe("NXDOMAIN");
    expect(answer.tried).toEqual(["web.other.svc.cluster.local.", "web.svc.cluster.local.", "web.cluster.local.", "web."]);
  });

  it("resolves a headless Service to its ready pods, and StatefulSet pods by hostname", () => {
    expect(addresses(resolve(cluster, "db", { namespace: "shop" }))).toEqual(["10.244.1.7", "10.244.2.8"]);
    expect(addresses(resolve(cluster, "db-1.db", { namespace: "shop" }))).toEqual(["10.244.2.8"]);
    expect(resolve(cluster, "db-1.db.shop.svc.cluster.local", { namespace: "other" }).name).toBe("db-1.db.shop.svc.cluster.local.");
    expect(resolve(cluster, "db-2.db", { namespace: "shop" }).rcode).toBe("NXDOMAIN");
    expect(resolve(cluster, "web-0.web", { namespace: "shop" }).rcode).toBe("NXDOMAIN");
  });

  it("answers ExternalName Services with a CNAME, following in-cluster targets", () => {
    expect(resolve(cluster, "old-site", { namespace: "shop" }).records).toEqual([{ type: "CNAME", name: "old-site.shop.svc.cluster.local.", ttl: 30, target: "example.com." }]);
    const alias = resolve(cluster, "alias", { namespace: "shop" });
    expect(alias.records.map((r) => r.type)).toEqual(["CNAME", "A"]);
    expect(addresses(alias)).toEqual(["10.100.20.30"]);
  });

  it("answers SRV for named ports, PTR for Service and endpoint IPs, and A for pod-style names", () => {
    expect(resolve(cluster, "_http._tcp.web.shop.svc.cluster.local", { namespace: "shop", type: "SRV" }).records).toEqual([
      { type: "SRV", name: "_http._tcp.web.shop.svc.cluster.local.", ttl: 30, priority: 0, weight: 100, port: 80, target: "web.shop.svc.cluster.local." },
    ]);
    const srv = resolve(cluster, "_pg._tcp.db", { namespace: "shop", type: "SRV" }).records;
    expect(srv.map((r) => (r.type === "SRV" ? [r.target, r.port, r.weight] : []))).toEqual([
      ["db-0.db.shop.svc.cluster.local.", 5432, 50],
      ["db-1.db.shop.svc.cluster.local.", 5432, 50],
    ]);
    expect(resolve(cluster, "10.96.0.1", { namespace: "shop" })).toMatchObject({
      type: "PTR",
      name: "1.0.96.10.in-addr.arpa.",
      records: [{ type: "PTR", target: "kubernetes.default.svc.cluster.local." }],
    });
    expect(resolve(cluster, "10.244.1.7", { namespace: "shop" }).records).toMatchObject([{ target: "db-0.db.shop.svc.cluster.local." }]);
    expect(resolve(cluster, "10.9.9.9", { namespace: "shop" }).rcode).toBe("NXDOMAIN");
    expect(addresses(resolve(cluster, "10-244-1-7.shop.pod.cluster.local", { namespace: "x" }))).toEqual(["10.244.1.7"]);
  });

  it("tries names with five or more dots as given first", () => {
    expect(candidateNames("a.b.c.d.e.f", ["ns.svc.cluster.local"])).toEqual(["a.b.c.d.e.f.", "a.b.c.d.e.f.ns.svc.cluster.local."]);
  });
});
