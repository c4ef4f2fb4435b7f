import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { testKubectl } from "../testing/test-kubectl";

// Expected objects are real kubectl 1.35's (`create ingress … --dry-run=client -o yaml`).
async function generated(line: string) {
  const k = await testKubectl({ namespace: "dev" });
  const r = await k.run(`create ingress ${line} --dry-run=client -o yaml`);
  expect(r.stderr).toBe("");
  return parse(r.stdout) as { metadata: Record<string, unknown>; spec: Record<string, unknown>; status: unknown };
}

describe("kubectl create ingress", () => {
  it("builds rules per host, Exact paths unless they end in *, and a TLS entry per secret", async () => {
    const ing = await generated("ingtls --class=nginx --rule=foo.com/=svc:https,tls --rule=foo.com/path/subpath*=othersvc:8080 --rule=bar.com/*=x:80,tls --annotation a=b --annotation c=");
    expect(ing.metadata).toEqual({ name: "ingtls", annotations: { a: "b", c: "" } });
    expect(ing.status).toEqual({ loadBalancer: {} });
    expect(ing.spec).toEqual({
      ingressClassName: "nginx",
      rules: [
        {
          host: "foo.com",
          http: {
            paths: [
              { backend: { service: { name: "svc", port: { name: "https" } } }, path: "/", pathType: "Exact" },
              { backend: { service: { name: "othersvc", port: { number: 8080 } } }, path: "/path/subpath", pathType: "Prefix" },
            ],
          },
        },
        { host: "bar.com", http: { paths: [{ backend: { service: { name: "x", port: { number: 80 } } }, path: "/", pathType: "Prefix" }] } },
      ],
      tls: [{ hosts: ["foo.com", "bar.com"] }],
    });
  });

  it("takes a default backend, a host-less rule, and secrets", async () => {
    const ing = await generated("d --default-backend=defaultsvc:http --rule=/=s:1,tls=x --rule=/=s:1,tls=y --rule=a.com/=s:1,tls=s1 --rule=c.com/=s:1,tls -n dev");
    expect(ing.metadata).toEqual({ name: "d", namespace: "dev" });
    expect(ing.spec.defaultBackend).toEqual({ service: { name: "defaultsvc", port: { name: "http" } } });
    expect(ing.spec.tls).toEqual([{ secretName: "x" }, { hosts: ["a.com"], secretName: "s1" }, { hosts: ["c.com"] }]);
    expect((ing.spec.rules as { host?: string }[]).map((r) => r.host ?? "")).toEqual(["", "a.com", "c.com"]);
  });

  it("refuses what kubectl refuses", async () => {
    const k = await testKubectl({ namespace: "dev" });
    const error = async (line: string) => (await k.run(`create ingress ${line}`)).stderr;
    expect(await error("bad")).toBe(
      "error: not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)\n",
    );
    expect(await error("bad --rule=foo.com/=svc")).toBe("error: rule foo.com/=svc is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]\n");
    expect(await error("bad --rule=/=a:1 --annotation=x")).toBe("error: annotation x is invalid and should be in format key=[value]\n");
    expect(await error("bad --default-backend=svc")).toBe("error: default-backend should be in format servicename:serviceport\n");
    expect(await error("a b --rule=/=a:1")).toBe("error: exactly one NAME is required, got 2\nSee 'kubectl create ingress -h' for help and examples\n");
  });

  it("creates it on the server", async () => {
    const k = await testKubectl({ namespace: "dev" });
    await k.admin.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
    expect(await k.run("create ingress web --class=nginx --rule=web.example/*=web:80")).toEqual({ code: 0, stdout: "ingress.networking.k8s.io/web created\n", stderr: "" });
    expect((await k.run("get ingress web -o jsonpath={.spec.rules[0].http.paths[0].pathType}")).stdout).toBe("Prefix");
    expect((await k.run("create ingress web --rule=/=web:80")).stderr).toBe('error: failed to create ingress: ingresses.networking.k8s.io "web" already exists\n');
  });
});
