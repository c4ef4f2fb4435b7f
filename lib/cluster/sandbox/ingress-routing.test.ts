import { describe, expect, it } from "vitest";
import type { KubeObject } from "../store/object-store";
import { hostMatches, ingressesServedBy, prefixMatches, routeIngress } from "./ingress-routing";

const svc = (name: string, port: number | string = 80) => ({ service: { name, port: typeof port === "number" ? { number: port } : { name: port } } });
const ingress = (name: string, spec: Record<string, unknown>): KubeObject => ({ metadata: { name, namespace: "web" }, spec });
const target = (route: ReturnType<typeof routeIngress>) => (route.kind === "backend" ? `${route.backend.service}:${route.backend.port}` : route.status);

describe("ingress routing", () => {
  it("matches wildcard hosts on exactly one label, case-insensitively, ignoring the port", () => {
    expect(hostMatches("*.foo.com", "bar.foo.com")).toBe(true);
    expect(hostMatches("*.foo.com", "baz.bar.foo.com")).toBe(false);
    expect(hostMatches("*.foo.com", "foo.com")).toBe(false);
    expect(hostMatches("Foo.com", "foo.COM:8080")).toBe(true);
    expect(hostMatches(undefined, "anything")).toBe(true);
  });

  it("matches Prefix paths element-wise", () => {
    expect(prefixMatches("/foo", "/foo/bar")).toBe(true);
    expect(prefixMatches("/foo/", "/foo")).toBe(true);
    expect(prefixMatches("/foo", "/foobar")).toBe(false);
    expect(prefixMatches("/", "/anything")).toBe(true);
  });

  const shop = ingress("shop", {
    rules: [
      {
        host: "shop.example.com",
        http: {
          paths: [
            { path: "/", pathType: "Prefix", backend: svc("front") },
            { path: "/api", pathType: "Prefix", backend: svc("api", 8080) },
            { path: "/api/v1", pathType: "ImplementationSpecific", backend: svc("api-v1", "http") },
            { path: "/api/status", pathType: "Exact", backend: svc("status") },
          ],
        },
      },
      { host: "*.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: svc("wild") }] } },
    ],
  });

  it("picks the longest matching path, Exact only on equality", () => {
    expect(target(routeIngress([shop], "shop.example.com", "/"))).toBe("front:80");
    expect(target(routeIngress([shop], "shop.example.com", "/api/orders?x=1"))).toBe("api:8080");
    expect(target(routeIngress([shop], "shop.example.com", "/api/v1/items"))).toBe("api-v1:http");
    expect(target(routeIngress([shop], "shop.example.com", "/api/status"))).toBe("status:80");
    expect(target(routeIngress([shop], "shop.example.com", "/api/status/more"))).toBe("api:8080");
    expect(target(routeIngress([shop], "blog.example.com", "/x"))).toBe("wild:80");
  });

  it("falls back to defaultBackend, then to nginx's 404 page", () => {
    expect(routeIngress([shop], "other.org", "/")).toMatchObject({ kind: "not-found", status: 404, body: expect.stringContaining("404 Not Found") as string });
    const fallback = ingress("fallback", { defaultBackend: svc("catch-all") });
    expect(target(routeIngress([shop, fallback], "other.org", "/"))).toBe("catch-all:80");
    const exactOnly = ingress("exact", { rules: [{ http: { paths: [{ path: "/only", pathType: "Exact", backend: svc("only") }] } }] });
    expect(target(routeIngress([exactOnly], "any.host", "/only"))).toBe("only:80");
    expect(target(routeIngress([exactOnly], "any.host", "/only/x"))).toBe(404);
  });

  it("prefers the oldest Ingress when two route the same host and path", () => {
    const rule = (backend: string) => ({ rules: [{ host: "a.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: svc(backend) }] } }] });
    const older = { ...ingress("older", rule("old")), metadata: { name: "older", namespace: "web", creationTimestamp: "2026-01-01T00:00:00Z" } };
    const newer = { ...ingress("newer", rule("new")), metadata: { name: "newer", namespace: "web", creationTimestamp: "2026-02-01T00:00:00Z" } };
    expect(target(routeIngress([newer, older], "a.example.com", "/"))).toBe("old:80");
  });

  it("serves Ingresses of the controller's classes, and classless ones only when a class is the default", () => {
    const nginx: KubeObject = { metadata: { name: "nginx" }, spec: { controller: "k8s.io/ingress-nginx" } };
    const other: KubeObject = { metadata: { name: "traefik", annotations: { "ingressclass.kubernetes.io/is-default-class": "true" } }, spec: { controller: "traefik.io/ingress-controller" } };
    const all = [
      ingress("named", { ingressClassName: "nginx" }),
      { metadata: { name: "legacy", namespace: "web", annotations: { "kubernetes.io/ingress.class": "nginx" } }, spec: {} },
      ingress("classless", {}),
      ingress("theirs", { ingressClassName: "traefik" }),
    ];
    const served = (classes: KubeObject[]) => ingressesServedBy("k8s.io/ingress-nginx", all, classes).map((i) => i.metadata.name);
    expect(served([nginx, other])).toEqual(["named", "legacy"]);
    const nginxDefault = { ...nginx, metadata: { name: "nginx", annotations: { "ingressclass.kubernetes.io/is-default-class": "true" } } };
    expect(served([nginxDefault])).toEqual(["named", "legacy", "classless"]);
  });
});
