import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../store/object-store";
import { corePath, quota, wholePipeline } from "../admission/testing/whole-pipeline";
import { InProcessClient } from "../in-process-client";
import { reservedGraceMs } from "./allocation-records";
import { ipv4ToNumber } from "./service-ranges";

type Spec = {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  ports?: { name?: string; port: number; nodePort?: number; protocol?: string }[];
  allocateLoadBalancerNodePorts?: boolean;
  externalName?: string;
};
const specOf = (svc: KubeObject) => svc.spec as Spec;

function service(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: "v1", kind: "Service", metadata: { name }, spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec } };
}

type Pipeline = Awaited<ReturnType<typeof wholePipeline>>;

/** Allocation records in the store (cluster IPs as IPAddress objects, node ports internal). */
async function records(p: Pipeline, kind: "ip" | "nodePort"): Promise<string[]> {
  const where = kind === "ip" ? { group: "networking.k8s.io", resource: "ipaddresses" } : { group: "internal.kubeclass.io", resource: "nodeportallocations" };
  const { items } = await p.store.list({ cluster: p.ctx.cluster, ...where });
  return items.map((i) => i.metadata.name ?? "");
}

const isDynamic = (ip: string) => {
  const n = ipv4ToNumber(ip)!;
  return n > ipv4ToNumber("10.96.1.0")! && n < ipv4ToNumber("10.111.255.255")!;
};

describe("Service cluster IPs", () => {
  it("bootstraps kubernetes (10.96.0.1) and kube-dns (10.96.0.10) with their records", async () => {
    const p = await wholePipeline();
    const kubernetes = await p.admin.get(InProcessClient.path("v1", "services", "default", "kubernetes"));
    expect(specOf(kubernetes)).toMatchObject({ clusterIP: "10.96.0.1", clusterIPs: ["10.96.0.1"], ports: [{ name: "https", port: 443 }] });
    const dns = await p.admin.get(InProcessClient.path("v1", "services", "kube-system", "kube-dns"));
    expect(specOf(dns)).toMatchObject({ clusterIP: "10.96.0.10", ports: [{ name: "dns", port: 53, protocol: "UDP" }, { name: "dns-tcp" }, { name: "metrics" }] });
    expect((await records(p, "ip")).sort()).toEqual(["10.96.0.1", "10.96.0.10"]);
  });

  it("allocates from the range above its static part, with the IP family fields Kubernetes sets", async () => {
    const p = await wholePipeline();
    const created = await p.admin.create(corePath("services"), service("web"));
    const spec = specOf(created);
    expect(isDynamic(spec.clusterIP!)).toBe(true);
    expect(spec).toMatchObject({ clusterIPs: [spec.clusterIP], ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack", type: "ClusterIP" });
    expect(created.status).toEqual({ loadBalancer: {} });
    expect(await records(p, "ip")).toContain(spec.clusterIP);
  });

  it("honours a free clusterIP and refuses a taken or foreign one in Kubernetes' words", async () => {
    const p = await wholePipeline();
    expect(specOf(await p.admin.create(corePath("services"), service("a", { clusterIP: "10.96.0.5" }))).clusterIPs).toEqual(["10.96.0.5"]);
    await expect(p.admin.create(corePath("services"), service("b", { clusterIP: "10.96.0.5" }))).rejects.toMatchObject({
      code: 422,
      message: 'Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.5"}: failed to allocate IP 10.96.0.5: provided IP is already allocated',
      details: { causes: [{ reason: "FieldValueInvalid", field: "spec.clusterIPs" }] },
    });
    await expect(p.admin.create(corePath("services"), service("c", { clusterIP: "10.0.0.5" }))).rejects.toMatchObject({
      message: 'Service "c" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided network does not match the current range',
    });
    await expect(p.admin.create(corePath("services"), service("d", { clusterIP: "fd00::5" }))).rejects.toMatchObject({
      message: 'Service "d" is invalid: spec.clusterIPs[0]: Invalid value: []string{"fd00::5"}: IPv6 is not configured on this cluster',
    });
    await expect(p.admin.create(corePath("services"), service("e", { clusterIP: "nope" }))).rejects.toMatchObject({ code: 422 });
  });

  it("gives headless Services no IP, and headless ones without a selector both families", async () => {
    const p = await wholePipeline();
    const headless = await p.admin.create(corePath("services"), service("db", { clusterIP: "None" }));
    expect(specOf(headless)).toMatchObject({ clusterIP: "None", clusterIPs: ["None"], ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack" });
    const bare = await p.admin.create(corePath("services"), { apiVersion: "v1", kind: "Service", metadata: { name: "ext" }, spec: { clusterIP: "None" } });
    expect(specOf(bare)).toMatchObject({ clusterIPs: ["None"], ipFamilies: ["IPv4", "IPv6"], ipFamilyPolicy: "RequireDualStack" });
    const external = await p.admin.create(corePath("services"), { apiVersion: "v1", kind: "Service", metadata: { name: "x" }, spec: { type: "ExternalName", externalName: "example.com" } });
    expect(specOf(external).clusterIP).toBeUndefined();
    expect(specOf(external).ipFamilies).toBeUndefined();
    expect((await records(p, "ip")).length).toBe(2);
  });

  it("keeps the IP when a client resubmits its YAML, refuses changing it, and releases it on delete", async () => {
    const p = await wholePipeline();
    const created = await p.admin.create(corePath("services"), service("web"));
    const ip = specOf(created).clusterIP!;
    const replaced = await p.admin.update(corePath("services", "web"), service("web", { ports: [{ port: 8080 }] }));
    expect(specOf(replaced)).toMatchObject({ clusterIP: ip, clusterIPs: [ip], ports: [{ port: 8080 }] });
    await expect(p.admin.patch(corePath("services", "web"), { spec: { clusterIP: "10.96.0.7", clusterIPs: ["10.96.0.7"] } })).rejects.toMatchObject({
      message: 'Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.7"}: may not change once set',
    });
    await p.admin.delete(corePath("services", "web"));
    expect(await records(p, "ip")).not.toContain(ip);
    expect(specOf(await p.admin.create(corePath("services"), service("again", { clusterIP: ip }))).clusterIP).toBe(ip);
  });

  it("releases the IP when the type becomes ExternalName, and allocates again on the way back", async () => {
    const p = await wholePipeline();
    const ip = specOf(await p.admin.create(corePath("services"), service("web"))).clusterIP!;
    const external = await p.admin.patch(corePath("services", "web"), { spec: { type: "ExternalName", externalName: "example.com" } });
    expect(specOf(external)).not.toHaveProperty("clusterIP");
    expect(specOf(external)).not.toHaveProperty("ipFamilies");
    expect(await records(p, "ip")).not.toContain(ip);
    const back = await p.admin.patch(corePath("services", "web"), { spec: { type: "ClusterIP", externalName: null } });
    expect(isDynamic(specOf(back).clusterIP!)).toBe(true);
    expect(await records(p, "ip")).toContain(specOf(back).clusterIP);
  });

  it("dry runs show an IP but reserve nothing", async () => {
    const p = await wholePipeline();
    const shown = (await p.admin.request("POST", corePath("services"), { body: service("web"), query: { dryRun: "All" } })) as KubeObject;
    expect(isDynamic(specOf(shown).clusterIP!)).toBe(true);
    expect((await records(p, "ip")).length).toBe(2);
  });
});

describe("Service validation around allocation", () => {
  it("answers odd input with Kubernetes' 422s, never a server error", async () => {
    const p = await wholePipeline();
    const cases: [Record<string, unknown>, string][] = [
      [{ ports: [null] }, "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"],
      [{ ports: null }, "spec.ports: Required value"],
      [{ clusterIPs: [null], ports: [{ port: 80 }] }, 'spec.clusterIPs[0]: Invalid value: "": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
      [{ clusterIPs: ["10.96.3.3", "10.96.3.4"], ports: [{ port: 80 }] }, 'spec.clusterIPs: Invalid value: []string{"10.96.3.3", "10.96.3.4"}: first value must match `clusterIP`'],
      [{ clusterIP: "10.96.0.0", ports: [{ port: 80 }] }, 'spec.clusterIPs: Invalid value: []string{"10.96.0.0"}: failed to allocate IP 10.96.0.0: provided IP 10.96.0.0 is not in the valid range'],
      [{ ipFamilyPolicy: "RequireDualStack", ports: [{ port: 80 }] }, 'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services'],
      [{ type: "ExternalName" }, "spec.externalName: Required value"],
      [{ type: "ExternalName", externalName: "x.com", clusterIP: "10.96.0.9" }, "spec.clusterIPs: Forbidden: may not be set for ExternalName services"],
      [{ type: "NodePort", ports: [{ port: 80, nodePort: 30500 }, { name: "b", port: 81, nodePort: 30500 }] }, "spec.ports[1].nodePort: Duplicate value: 30500"],
    ];
    for (const [i, [spec, message]] of cases.entries()) {
      await expect(p.admin.create(corePath("services"), { apiVersion: "v1", kind: "Service", metadata: { name: `s${i}` }, spec })).rejects.toMatchObject({
        code: 422,
        message: `Service "s${i}" is invalid: ${message}`,
      });
    }
    expect((await records(p, "ip")).length).toBe(2);
  });

  it("gives a LoadBalancer with externalTrafficPolicy Local a health check node port too", async () => {
    const p = await wholePipeline();
    const spec = (await p.admin.create(corePath("services"), service("lb", { type: "LoadBalancer", externalTrafficPolicy: "Local" }))).spec as { healthCheckNodePort?: number };
    expect(spec.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
    expect(await records(p, "nodePort")).toContain(String(spec.healthCheckNodePort));
  });
});

describe("Service node ports", () => {
  it("allocates node ports above the static part, honours explicit ones and refuses clashes", async () => {
    const p = await wholePipeline();
    const auto = specOf(await p.admin.create(corePath("services"), service("auto", { type: "NodePort" })));
    expect(auto.ports![0]!.nodePort).toBeGreaterThanOrEqual(30086);
    expect(auto.ports![0]!.nodePort).toBeLessThanOrEqual(32767);
    await p.admin.create(corePath("services"), service("a", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }));
    await expect(p.admin.create(corePath("services"), service("b", { type: "NodePort", ports: [{ port: 80, nodePort: 30080 }] }))).rejects.toMatchObject({
      code: 422,
      message: 'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    });
    await expect(p.admin.create(corePath("services"), service("c", { type: "NodePort", ports: [{ port: 80, nodePort: 29999 }] }))).rejects.toMatchObject({
      message: 'Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 29999: provided port is not in the valid range. The range of valid ports is 30000-32767',
    });
    await expect(p.admin.create(corePath("services"), service("d", { ports: [{ port: 80, nodePort: 30081 }] }))).rejects.toMatchObject({
      message: "Service \"d\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
    });
    // A failed create reserved nothing: the clash and range errors left only the two real services' ports.
    expect((await records(p, "nodePort")).sort()).toEqual([String(auto.ports![0]!.nodePort), "30080"].sort());
  });

  it("gives ports sharing a number one node port, and distinct ports distinct node ports", async () => {
    const p = await wholePipeline();
    const spec = specOf(
      await p.admin.create(
        corePath("services"),
        service("dns", { type: "NodePort", ports: [{ name: "udp", port: 53, protocol: "UDP" }, { name: "tcp", port: 53 }, { name: "web", port: 80 }] }),
      ),
    );
    const [udp, tcp, web] = spec.ports!.map((port) => port.nodePort);
    expect(udp).toBe(tcp);
    expect(web).not.toBe(udp);
  });

  it("allocates on ClusterIP → NodePort and releases on the way back (another Service can then take the port)", async () => {
    const p = await wholePipeline();
    await p.admin.create(corePath("services"), service("web"));
    const nodePort = specOf(await p.admin.patch(corePath("services", "web"), { spec: { type: "NodePort" } })).ports![0]!.nodePort!;
    expect(await records(p, "nodePort")).toEqual([String(nodePort)]);
    const back = await p.admin.patch(corePath("services", "web"), { spec: { type: "ClusterIP" } });
    expect(specOf(back).ports![0]).not.toHaveProperty("nodePort");
    expect(back.spec).not.toHaveProperty("externalTrafficPolicy");
    expect(await records(p, "nodePort")).toEqual([]);
    await p.admin.create(corePath("services"), service("other", { type: "NodePort", ports: [{ port: 80, nodePort }] }));
  });

  it("LoadBalancer Services get node ports and allocateLoadBalancerNodePorts; leaving the type clears the status", async () => {
    const p = await wholePipeline();
    const lb = await p.admin.create(corePath("services"), service("lb", { type: "LoadBalancer" }));
    expect(specOf(lb)).toMatchObject({ allocateLoadBalancerNodePorts: true });
    expect(specOf(lb).ports![0]!.nodePort).toBeGreaterThan(0);
    await p.admin.update(corePath("services", "lb", "status"), { ...lb, status: { loadBalancer: { ingress: [{ ip: "172.18.255.200" }] } } });
    const cluster = await p.admin.patch(corePath("services", "lb"), { spec: { type: "ClusterIP" } });
    expect(cluster.status).toEqual({ loadBalancer: {} });
    expect(cluster.spec).not.toHaveProperty("allocateLoadBalancerNodePorts");
  });

  it("reserves nothing for a Service that ResourceQuota refuses", async () => {
    const p = await wholePipeline();
    await p.admin.create(corePath("resourcequotas"), quota("q", { "services.nodeports": "1" }));
    await expect(p.admin.create(corePath("services"), service("two", { type: "NodePort", ports: [{ name: "a", port: 80 }, { name: "b", port: 81 }] }))).rejects.toMatchObject({ code: 403 });
    expect(await records(p, "nodePort")).toEqual([]);
    expect((await records(p, "ip")).length).toBe(2);
  });
});

describe("allocation across API server processes", () => {
  it("gives an explicitly requested value to exactly one of two concurrent writers", async () => {
    const p = await wholePipeline();
    const writers = [p.admin, p.anotherProcess(), p.anotherProcess()];
    const results = await Promise.allSettled(
      writers.map((client, i) => client.create(corePath("services"), service(`s${i}`, { type: "NodePort", clusterIP: "10.96.0.20", ports: [{ port: 80, nodePort: 30100 }] }))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as { code: number }).code).toBe(422);
  });

  it("never hands out one value twice to concurrent automatic allocations", async () => {
    const p = await wholePipeline();
    const clients = [p.admin, p.anotherProcess(), p.anotherProcess(), p.anotherProcess()];
    const created = await Promise.all(
      Array.from({ length: 24 }, (_, i) => clients[i % clients.length]!.create(corePath("services"), service(`s${i}`, { type: "NodePort" }))),
    );
    const ips = created.map((s) => specOf(s).clusterIP);
    const ports = created.map((s) => specOf(s).ports![0]!.nodePort);
    expect(new Set(ips).size).toBe(24);
    expect(new Set(ports).size).toBe(24);
    expect((await records(p, "nodePort")).length).toBe(24);
  });

  it("reclaims a record left by a write that never stored its Service, once it is old enough", async () => {
    const p = await wholePipeline();
    const leak = (name: string, spec: Record<string, unknown>) => ({
      apiVersion: "internal.kubeclass.io/v1",
      kind: "NodePortAllocation",
      metadata: { name, annotations: { "kubeclass.io/service-uid": "gone", "kubeclass.io/reserved-at": p.clock.now().toISOString() } },
      spec,
    });
    await p.store.create(
      { cluster: p.ctx.cluster, group: "internal.kubeclass.io", resource: "nodeportallocations", namespace: "", name: "30200" },
      leak("30200", { parentRef: { group: "", resource: "services", namespace: "dev", name: "never" } }),
    );
    const ask = () => p.admin.create(corePath("services"), service("web", { type: "NodePort", ports: [{ port: 80, nodePort: 30200 }] }));
    // Young: its write might still be on the way.
    await expect(ask()).rejects.toMatchObject({ code: 422 });
    p.clock.advance(reservedGraceMs + 1);
    expect(specOf(await ask()).ports![0]!.nodePort).toBe(30200);
  });
});
