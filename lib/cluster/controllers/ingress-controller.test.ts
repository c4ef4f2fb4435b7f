import { afterEach, describe, expect, it } from "vitest";
import type { KubeObject } from "../store/object-store";
import { ingressController } from "./ingress-controller";
import { serviceLoadBalancerController } from "./service-lb-controller";
import { startTestCluster, type TestCluster } from "./testing/test-cluster";

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.stop();
  cluster = undefined;
});

const ingresses = "/apis/networking.k8s.io/v1/namespaces/web/ingresses";
const ingress = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "Ingress",
  metadata: { name },
  spec: { rules: [{ host: `${name}.example.com`, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { number: 80 } } } }] } }], ...spec },
});
const addressOf = (object: KubeObject) => (object.status as { loadBalancer?: { ingress?: { ip?: string }[] } }).loadBalancer?.ingress;
const lbService = (name: string, loadBalancerIP?: string): KubeObject => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name },
  spec: { type: "LoadBalancer", ports: [{ name: "http", port: 80, protocol: "TCP" }], ...(loadBalancerIP ? { loadBalancerIP } : {}) },
});

async function start(): Promise<TestCluster> {
  cluster = await startTestCluster([ingressController, serviceLoadBalancerController]);
  await cluster.client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "web" } });
  return cluster;
}

describe("ingress controller", () => {
  it("serves Ingresses of the default nginx class, publishing the fallback address and a Sync event", async () => {
    const { client, settle } = await start();
    const nginx = await client.get("/apis/networking.k8s.io/v1/ingressclasses/nginx");
    expect(nginx.spec).toEqual({ controller: "k8s.io/ingress-nginx" });
    await client.create(ingresses, ingress("shop"));
    await client.create(ingresses, ingress("named", { ingressClassName: "nginx" }));
    await settle();
    expect(addressOf(await client.get(`${ingresses}/shop`))).toEqual([{ ip: "172.18.255.200" }]);
    expect(addressOf(await client.get(`${ingresses}/named`))).toEqual([{ ip: "172.18.255.200" }]);
    const events = (await client.list("/api/v1/namespaces/web/events")).items.filter((e) => (e.involvedObject as { name?: string }).name === "shop");
    expect(events.map((e) => [e.reason, e.message, (e.source as { component?: string }).component])).toEqual([
      ["Sync", "Scheduled for sync", "nginx-ingress-controller"],
    ]);
    expect(cluster?.errors).toEqual([]);
  });

  it("never gives the Ingress address to a learner's LoadBalancer Service", async () => {
    const { client, settle } = await start();
    await client.create("/api/v1/namespaces/web/services", lbService("first"));
    await client.create(ingresses, ingress("shop"));
    await settle();
    expect(addressOf(await client.get(`${ingresses}/shop`))).toEqual([{ ip: "172.18.255.200" }]);
    expect(addressOf(await client.get("/api/v1/namespaces/web/services/first"))).toEqual([{ ip: "172.18.255.201", ipMode: "VIP" }]);
  });

  it("publishes the ingress-nginx-controller Service's load-balancer address once it has one", async () => {
    const { client, settle } = await start();
    await client.create(ingresses, ingress("shop"));
    await client.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "ingress-nginx" } });
    await client.create("/api/v1/namespaces/ingress-nginx/services", lbService("ingress-nginx-controller", "172.18.255.220"));
    await settle();
    expect(addressOf(await client.get(`${ingresses}/shop`))).toEqual([{ ip: "172.18.255.220" }]);
  });

  it("leaves Ingresses of other classes alone and takes its address back when one moves away", async () => {
    const { client, settle } = await start();
    await client.create(ingresses, ingress("other", { ingressClassName: "traefik" }));
    await client.create(ingresses, ingress("moving"));
    await settle();
    expect(addressOf(await client.get(`${ingresses}/other`))).toBeUndefined();
    expect(addressOf(await client.get(`${ingresses}/moving`))).toEqual([{ ip: "172.18.255.200" }]);
    await client.patch(`${ingresses}/moving`, { spec: { ingressClassName: "traefik" } });
    await settle();
    expect(addressOf(await client.get(`${ingresses}/moving`))).toBeUndefined();
  });
});
