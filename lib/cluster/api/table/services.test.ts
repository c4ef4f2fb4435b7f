import type { Endpoints, Service } from "kubernetes-types/core/v1";
import type { EndpointSlice } from "kubernetes-types/discovery/v1";
import type { Ingress, IngressClass, NetworkPolicy } from "kubernetes-types/networking/v1";
import { describe, expect, it } from "vitest";
import {
  endpointSlicePrinter,
  endpointsPrinter,
  ingressClassPrinter,
  ingressPrinter,
  networkPolicyPrinter,
  servicePrinter,
} from "./services";

const now = new Date("2026-01-01T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString().replace(".000Z", "Z");
const meta = (name: string) => ({ name, namespace: "dev", creationTimestamp: ago(300) });

describe("services", () => {
  const svc = (spec: Service["spec"], status?: Service["status"]): Service => ({ metadata: meta("web"), spec, status });
  const cells = (s: Service) => servicePrinter.cells(s, { now });

  it("columns: TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR", () => {
    expect(servicePrinter.columns.map((c) => [c.name, c.priority])).toEqual([
      ["Name", 0],
      ["Type", 0],
      ["Cluster-IP", 0],
      ["External-IP", 0],
      ["Port(s)", 0],
      ["Age", 0],
      ["Selector", 1],
    ]);
  });

  it("ClusterIP", () => {
    const s = svc({
      type: "ClusterIP",
      clusterIP: "10.96.12.34",
      clusterIPs: ["10.96.12.34"],
      selector: { app: "web", tier: "frontend" },
      ports: [
        { name: "http", port: 80, targetPort: 8080, protocol: "TCP" },
        { name: "dns", port: 53, protocol: "UDP" },
      ],
    });
    expect(cells(s)).toEqual([
      "web",
      "ClusterIP",
      "10.96.12.34",
      "<none>",
      "80/TCP,53/UDP",
      "5m",
      "app=web,tier=frontend",
    ]);
  });

  it("ClusterIP with external IPs; headless; no ports; no selector", () => {
    expect(
      cells(
        svc({
          type: "ClusterIP",
          clusterIPs: ["10.96.0.5"],
          externalIPs: ["198.51.100.7", "198.51.100.8"],
          ports: [{ port: 80 }],
        }),
      )[3],
    ).toBe("198.51.100.7,198.51.100.8");
    expect(
      cells(svc({ type: "ClusterIP", clusterIP: "None", clusterIPs: ["None"], selector: { app: "db" } })).slice(1, 5),
    ).toEqual(["ClusterIP", "None", "<none>", "<none>"]);
    expect(cells(svc({ type: "ClusterIP", clusterIPs: ["10.96.0.9"] }))[6]).toBe("<none>");
  });

  it("NodePort shows port:nodePort/protocol", () => {
    const s = svc({
      type: "NodePort",
      clusterIPs: ["10.96.200.1"],
      ports: [
        { port: 80, nodePort: 30080, protocol: "TCP" },
        { port: 443, nodePort: 30443, protocol: "TCP" },
      ],
      selector: { app: "web" },
    });
    expect(cells(s).slice(1, 5)).toEqual(["NodePort", "10.96.200.1", "<none>", "80:30080/TCP,443:30443/TCP"]);
  });

  it("LoadBalancer: <pending> without ingress, then the ingress IPs (sorted, never clipped)", () => {
    const spec: Service["spec"] = {
      type: "LoadBalancer",
      clusterIPs: ["10.96.7.7"],
      ports: [{ port: 80, nodePort: 31234, protocol: "TCP" }],
    };
    expect(cells(svc(spec)).slice(1, 5)).toEqual(["LoadBalancer", "10.96.7.7", "<pending>", "80:31234/TCP"]);
    const ready = svc(spec, { loadBalancer: { ingress: [{ ip: "203.0.113.20" }, { ip: "203.0.113.10" }] } });
    expect(cells(ready)[3]).toBe("203.0.113.10,203.0.113.20");
    const named = svc(spec, {
      loadBalancer: { ingress: [{ hostname: "a1b2c3-1234567890.eu-west-1.elb.amazonaws.com" }] },
    });
    expect(cells(named)[3]).toBe("a1b2c3-1234567890.eu-west-1.elb.amazonaws.com");
  });

  it("LoadBalancer with external IPs lists ingress addresses first", () => {
    const s = svc(
      {
        type: "LoadBalancer",
        clusterIPs: ["10.96.7.7"],
        externalIPs: ["198.51.100.1"],
        ports: [{ port: 80, nodePort: 31000 }],
      },
      { loadBalancer: { ingress: [{ ip: "203.0.113.5" }] } },
    );
    expect(cells(s)[3]).toBe("203.0.113.5,198.51.100.1");
    expect(cells(svc({ type: "LoadBalancer", externalIPs: ["198.51.100.1"] }))[3]).toBe("198.51.100.1");
  });

  it("ExternalName", () => {
    const s = svc({ type: "ExternalName", externalName: "db.example.com", ports: [{ port: 5432, protocol: "TCP" }] });
    expect(cells(s)).toEqual(["web", "ExternalName", "<none>", "db.example.com", "5432/TCP", "5m", "<none>"]);
  });
});

describe("endpoints", () => {
  const ep = (subsets: Endpoints["subsets"]): Endpoints => ({ metadata: meta("web"), subsets });
  const cell = (e: Endpoints) => endpointsPrinter.cells(e, { now })[1];

  it("lists ip:port for ready addresses, three at most", () => {
    const addresses = ["10.244.1.4", "10.244.2.7", "10.244.1.9", "10.244.3.2", "10.244.3.3"].map((ip) => ({ ip }));
    expect(cell(ep([{ addresses, ports: [{ name: "http", port: 8080, protocol: "TCP" }] }]))).toBe(
      "10.244.1.4:8080,10.244.2.7:8080,10.244.1.9:8080 + 2 more...",
    );
    expect(cell(ep([{ addresses: addresses.slice(0, 2), ports: [{ port: 80 }] }]))).toBe("10.244.1.4:80,10.244.2.7:80");
  });

  it("counts every address × port in + N more...", () => {
    const addresses = [{ ip: "10.0.0.1" }, { ip: "10.0.0.2" }];
    expect(cell(ep([{ addresses, ports: [{ port: 80 }, { port: 443 }] }]))).toBe(
      "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...",
    );
  });

  it("<none> without subsets; bare IPs without ports; IPv6 in brackets; not-ready addresses ignored", () => {
    expect(endpointsPrinter.cells(ep(undefined), { now })).toEqual(["web", "<none>", "5m"]);
    expect(cell(ep([{ addresses: [{ ip: "10.0.0.1" }] }]))).toBe("10.0.0.1");
    expect(cell(ep([{ addresses: [{ ip: "fd00::1" }], ports: [{ port: 80 }] }]))).toBe("[fd00::1]:80");
    expect(cell(ep([{ notReadyAddresses: [{ ip: "10.0.0.1" }], ports: [{ port: 80 }] }]))).toBe("");
  });
});

describe("endpointslices", () => {
  it("ADDRESSTYPE PORTS ENDPOINTS AGE", () => {
    const slice: EndpointSlice = {
      metadata: meta("web-abc12"),
      addressType: "IPv4",
      ports: [{ name: "http", port: 8080, protocol: "TCP" }, { name: "metrics" }, {}],
      endpoints: [
        { addresses: ["10.244.1.4"], conditions: { ready: true } },
        { addresses: ["10.244.2.7"], conditions: { ready: false } },
        { addresses: ["10.244.1.9", "10.244.1.10"] },
      ],
    };
    expect(endpointSlicePrinter.columns.map((c) => c.name)).toEqual([
      "Name",
      "AddressType",
      "Ports",
      "Endpoints",
      "Age",
    ]);
    expect(endpointSlicePrinter.cells(slice, { now })).toEqual([
      "web-abc12",
      "IPv4",
      "8080,metrics,*",
      "10.244.1.4,10.244.2.7,10.244.1.9 + 1 more...",
      "5m",
    ]);
    expect(
      endpointSlicePrinter.cells({ metadata: meta("empty"), addressType: "IPv4", endpoints: [] }, { now }).slice(2, 4),
    ).toEqual(["<unset>", "<unset>"]);
  });
});

describe("ingresses", () => {
  it("CLASS HOSTS ADDRESS PORTS AGE", () => {
    const ing: Ingress = {
      metadata: meta("shop"),
      spec: {
        ingressClassName: "nginx",
        tls: [{ hosts: ["shop.example.com"], secretName: "shop-tls" }],
        rules: [{ host: "shop.example.com" }, { host: "api.example.com" }],
      },
      status: { loadBalancer: { ingress: [{ ip: "192.168.49.2" }] } },
    };
    expect(ingressPrinter.columns.map((c) => c.name)).toEqual(["Name", "Class", "Hosts", "Address", "Ports", "Age"]);
    expect(ingressPrinter.cells(ing, { now })).toEqual([
      "shop",
      "nginx",
      "shop.example.com,api.example.com",
      "192.168.49.2",
      "80, 443",
      "5m",
    ]);
  });

  it("no class, catch-all host, no address yet; more than three hosts", () => {
    const bare: Ingress = {
      metadata: meta("any"),
      spec: { defaultBackend: { service: { name: "web", port: { number: 80 } } } },
    };
    expect(ingressPrinter.cells(bare, { now }).slice(1, 5)).toEqual(["<none>", "*", "", "80"]);
    const many: Ingress = {
      metadata: meta("many"),
      spec: { rules: [{ host: "a.io" }, {}, { host: "b.io" }, { host: "c.io" }, { host: "d.io" }, { host: "e.io" }] },
    };
    expect(ingressPrinter.cells(many, { now })[2]).toBe("a.io,b.io,c.io + 3 more...");
  });
});

describe("ingressclasses and networkpolicies", () => {
  it("CONTROLLER PARAMETERS AGE", () => {
    const ic: IngressClass = {
      metadata: { name: "nginx", creationTimestamp: ago(300) },
      spec: { controller: "k8s.io/ingress-nginx" },
    };
    expect(ingressClassPrinter.cells(ic, { now })).toEqual(["nginx", "k8s.io/ingress-nginx", "<none>", "5m"]);
    const withParams: IngressClass = {
      ...ic,
      spec: {
        controller: "example.com/lb",
        parameters: { apiGroup: "k8s.example.com", kind: "IngressParameters", name: "lb" },
      },
    };
    expect(ingressClassPrinter.cells(withParams, { now })[2]).toBe("IngressParameters.k8s.example.com/lb");
  });

  it("POD-SELECTOR AGE", () => {
    const deny: NetworkPolicy = { metadata: meta("default-deny"), spec: { podSelector: {}, policyTypes: ["Ingress"] } };
    expect(networkPolicyPrinter.columns.map((c) => c.name)).toEqual(["Name", "Pod-Selector", "Age"]);
    expect(networkPolicyPrinter.cells(deny, { now })).toEqual(["default-deny", "<none>", "5m"]);
    const db: NetworkPolicy = { metadata: meta("db"), spec: { podSelector: { matchLabels: { app: "db" } } } };
    expect(networkPolicyPrinter.cells(db, { now })[1]).toBe("app=db");
  });
});
