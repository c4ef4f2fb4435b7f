import { describe, expect, it } from "vitest";
import { resourceName, type ResourceId } from "../controllers/runtime/resource-id";
import type { KubeObject } from "../store/object-store";
import { containerView, type ViewSource } from "./container-view";
import { hostHeader } from "./exec-ingress";
import { curl, wget } from "./exec-network";

// The book's Ingress chapter from inside a pod: one Ingress with host rules and path rules to two Services.
function source(objects: [string, Record<string, unknown>][]): ViewSource {
  const of = (resource: ResourceId) => objects.filter(([r]) => r === resourceName(resource)).map(([, o]) => o as KubeObject);
  return {
    get: (resource, namespace, name) => of(resource).find((o) => (o.metadata.namespace ?? "") === namespace && o.metadata.name === name),
    list: (resource, namespace) => of(resource).filter((o) => namespace === undefined || o.metadata.namespace === namespace),
  };
}

const backend = (name: string) => ({ service: { name, port: { number: 8080 } } });
const app = (name: string, ip: string, clusterIP: string): [string, Record<string, unknown>][] => [
  ["services", { metadata: { namespace: "mcu", name: `svc-${name}` }, spec: { clusterIP, ports: [{ port: 8080 }] } }],
  ["endpointslices.discovery.k8s.io", { metadata: { namespace: "mcu", name: `svc-${name}-x`, labels: { "kubernetes.io/service-name": `svc-${name}` } }, endpoints: [{ addresses: [ip], conditions: { ready: true } }], ports: [{ name: "", port: 8080 }] }],
  ["pods", { metadata: { namespace: "mcu", name: `${name}-1` }, spec: { containers: [{ name: "web", image: "nigelpoulton/k8sbook:1.0" }] }, status: { podIP: ip } }],
];

const world = source([
  ["ingressclasses.networking.k8s.io", { metadata: { name: "nginx" }, spec: { controller: "k8s.io/ingress-nginx" } }],
  [
    "ingresses.networking.k8s.io",
    {
      metadata: { namespace: "mcu", name: "mcu-all" },
      spec: {
        ingressClassName: "nginx",
        rules: [
          { host: "shield.mcu.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: backend("svc-shield") }] } },
          { host: "mcu.com", http: { paths: [{ path: "/shield", pathType: "Prefix", backend: backend("svc-shield") }, { path: "/hydra", pathType: "Prefix", backend: backend("svc-hydra") }, { path: "/gone", pathType: "Prefix", backend: backend("svc-gone") }] } },
        ],
      },
      status: { loadBalancer: { ingress: [{ ip: "172.18.255.200" }] } },
    },
  ],
  ...app("shield", "10.244.1.5", "10.96.10.1"),
  ...app("hydra", "10.244.2.6", "10.96.10.2"),
  ["pods", { metadata: { namespace: "mcu", name: "jump" }, spec: { containers: [{ name: "jump", image: "busybox" }] }, status: { podIP: "10.244.3.7" } }],
]);

const jump = containerView(world, world.get({ group: "", version: "v1", plural: "pods" }, "mcu", "jump")!, "jump")!;

describe("requests to an Ingress's address from a pod", () => {
  it("route by the Host header and by path to the right Service's pods", () => {
    expect(curl(world, jump, ["-s", "-H", "Host: shield.mcu.com", "http://172.18.255.200/"]).stdout).toContain("Hello from shield-1");
    expect(wget(world, jump, ["-qO-", "--header", "Host: mcu.com", "http://172.18.255.200/hydra"]).stdout).toContain("Hello from hydra-1");
    expect(wget(world, jump, ["-qO-", "--header=Host: mcu.com", "http://172.18.255.200/shield/x"]).stdout).toContain("Hello from shield-1");
  });

  it("answer 404 from the default backend when nothing matches, and 503 when the Service is missing", () => {
    const miss = curl(world, jump, ["http://172.18.255.200/", "-H", "Host: hydra.mcu.com"]);
    expect(miss).toMatchObject({ exitCode: 0, stdout: expect.stringContaining("<title>404 Not Found</title>") as unknown });
    expect(wget(world, jump, ["-qO-", "--header", "Host: mcu.com", "http://172.18.255.200/gone"])).toMatchObject({ exitCode: 1, stderr: "wget: server returned error: HTTP/1.1 503 Service Temporarily Unavailable\n" });
    expect(curl(world, jump, ["-I", "http://172.18.255.200/nowhere"]).stdout).toMatch(/^HTTP\/1\.1 404 Not Found\n/);
  });

  it("other addresses and ports are untouched by the Ingress", () => {
    expect(curl(world, jump, ["http://10.96.10.2:8080/"]).stdout).toContain("Hello from hydra-1");
    expect(curl(world, jump, ["-s", "http://172.18.255.200:8080/"]).exitCode).toBe(7);
  });

  it("finds the Host header in curl's and wget's spellings", () => {
    expect(hostHeader(["-H", "Host: a.example"])).toBe("a.example");
    expect(hostHeader(["--header", "host:b.example"])).toBe("b.example");
    expect(hostHeader(["--header=Host: c.example", "http://x"])).toBe("c.example");
    expect(hostHeader(["-H", "Accept: text/html"])).toBeUndefined();
  });
});

// The classroom cluster: every learner applies the book's Ingress, so two namespaces route the same host.
describe("requests to an Ingress's address in a shared cluster", () => {
  const tenant = (namespace: string, created: string, podIP: string, clusterIP: string): [string, Record<string, unknown>][] => [
    [
      "ingresses.networking.k8s.io",
      {
        metadata: { namespace, name: "mcu-all", creationTimestamp: created },
        spec: { ingressClassName: "nginx", rules: [{ host: "shield.mcu.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: backend("svc-shield") }] } }] },
        status: { loadBalancer: { ingress: [{ ip: "172.18.255.200" }] } },
      },
    ],
    ["services", { metadata: { namespace, name: "svc-shield" }, spec: { clusterIP, ports: [{ port: 8080 }] } }],
    ["endpointslices.discovery.k8s.io", { metadata: { namespace, name: "svc-shield-x", labels: { "kubernetes.io/service-name": "svc-shield" } }, endpoints: [{ addresses: [podIP], conditions: { ready: true } }], ports: [{ name: "", port: 8080 }] }],
    ["pods", { metadata: { namespace, name: `shield-${namespace}` }, spec: { containers: [{ name: "web", image: "nigelpoulton/k8sbook:1.0" }] }, status: { podIP } }],
    ["pods", { metadata: { namespace, name: "jump" }, spec: { containers: [{ name: "jump", image: "curlimages/curl:8.10.1" }] }, status: { podIP: `${podIP}9` } }],
  ];
  const shared = source([
    ["ingressclasses.networking.k8s.io", { metadata: { name: "nginx" }, spec: { controller: "k8s.io/ingress-nginx" } }],
    ...tenant("alice", "2026-01-01T00:00:00Z", "10.244.1.1", "10.96.20.1"),
    ...tenant("bob", "2026-02-01T00:00:00Z", "10.244.2.1", "10.96.20.2"),
    ["pods", { metadata: { namespace: "carol", name: "jump" }, spec: { containers: [{ name: "jump", image: "curlimages/curl:8.10.1" }] }, status: { podIP: "10.244.3.9" } }],
  ]);
  const jumpIn = (namespace: string) => containerView(shared, shared.get({ group: "", version: "v1", plural: "pods" }, namespace, "jump")!, "jump")!;
  const get = (namespace: string, host: string) => curl(shared, jumpIn(namespace), ["-s", "-H", `Host: ${host}`, "http://172.18.255.200/"]);

  it("route a host by the caller's own namespace's Ingress, even when another namespace's is older", () => {
    expect(get("bob", "shield.mcu.com").stdout).toContain("Hello from shield-bob");
    expect(get("alice", "shield.mcu.com").stdout).toContain("Hello from shield-alice");
  });

  it("route by every namespace's Ingresses, oldest first, what the caller's own do not match", () => {
    expect(get("carol", "shield.mcu.com").stdout).toContain("Hello from shield-alice");
    expect(get("bob", "hydra.mcu.com").stdout).toContain("<title>404 Not Found</title>");
  });
});
