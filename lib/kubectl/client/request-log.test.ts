import { describe, expect, it } from "vitest";
import { testKubectl } from "../testing/test-kubectl";

// Real kubectl 1.35 at -v=6/7/8 (timestamps from the injected clock, process id fixed).
describe("kubectl -v request logging", () => {
  it("logs one line per response at -v=6", async () => {
    const k = await testKubectl({ namespace: "dev" });
    await k.admin.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
    expect(await k.run("get pods -v=6")).toEqual({
      code: 0,
      stdout: "",
      stderr: [
        "I0301 10:00:00.000000   24601 loader.go:405] Config loaded from file:  /home/jane/.kube/config",
        'I0301 10:00:00.000000   24601 round_trippers.go:632] "Response" verb="GET" url="https://kubeclass.test:6443/api/v1/namespaces/dev/pods?limit=500" status="200 OK" milliseconds=0',
        "No resources found in dev namespace.",
        "",
      ].join("\n"),
    });
    const missing = await k.run("get pod nope -v=6");
    expect(missing.stderr).toContain('"Response" verb="GET" url="https://kubeclass.test:6443/api/v1/namespaces/dev/pods/nope" status="404 Not Found" milliseconds=0\n');
  });

  it("adds request headers at -v=7, and response headers and bodies at -v=8", async () => {
    const k = await testKubectl({ namespace: "dev" });
    await k.admin.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
    const seven = (await k.run("create cm a --from-literal=x=1 -v=7")).stderr;
    expect(seven).toContain(
      '"Request" verb="POST" url="https://kubeclass.test:6443/api/v1/namespaces/dev/configmaps?fieldManager=kubectl-create&fieldValidation=Strict" headers=<\n' +
        "\tAccept: application/json\n\tContent-Type: application/json\n\tUser-Agent: kubectl/v1.35.0 (linux/amd64) kubernetes/kubeclass\n >\n",
    );
    expect(seven).toContain('round_trippers.go:632] "Response" status="201 Created" milliseconds=0\n');
    const eight = (await k.run("get cm a -o name -v=8")).stderr;
    expect(eight).toContain('helper.go:113] "Request Body" body=""\n');
    expect(eight).toContain('"Response" status="200 OK" headers=<\n\tCache-Control: no-cache, private\n\tContent-Type: application/json\n\tDate: Sun, 01 Mar 2026 10:00:00 GMT\n > milliseconds=0\n');
    expect(eight).toMatch(/helper\.go:113\] "Response Body" body="\{\\"kind\\":\\"ConfigMap\\",.*\\"name\\":\\"a\\"/);
  });

  it("cuts bodies at 1024 characters at -v=8", async () => {
    const k = await testKubectl({ namespace: "dev" });
    await k.admin.create("/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } });
    await k.run(["create", "cm", "big", `--from-literal=x=${"y".repeat(3000)}`]);
    const line = (await k.run("get cm big -o name -v=8")).stderr.split("\n").find((l) => l.includes('"Response Body"')) ?? "";
    expect(line).toMatch(/ \[truncated \d+ chars\]"$/);
  });
});
