import { describe, expect, it } from "vitest";
import { testKubectl } from "../testing/test-kubectl";
import { describeCommand } from "../commands/describe";
import { smartLabel } from "./generic";
import { compactRules } from "./rbac";

const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } };

describe("kubectl describe", () => {
  it("describes a ConfigMap with its data and a Secret with sizes only", async () => {
    const k = await testKubectl({ namespace: "dev", commands: [describeCommand] });
    await k.admin.create("/api/v1/namespaces", ns);
    await k.admin.create("/api/v1/namespaces/dev/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", labels: { b: "2", a: "1" } }, data: { key: "value" } });
    await k.admin.create("/api/v1/namespaces/dev/secrets", { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { password: Buffer.from("s3cret").toString("base64") } });
    const cm = await k.run("describe cm cfg");
    expect(cm.stdout).toBe(
      "Name:         cfg\nNamespace:    dev\nLabels:       a=1\n              b=2\nAnnotations:  <none>\n\nData\n====\nkey:\n----\nvalue\n\n\nBinaryData\n====\n\nEvents:  <none>\n",
    );
    const secret = await k.run("describe secret s");
    expect(secret.stdout).toContain("Type:  Opaque\n\nData\n====\npassword:  6 bytes\n");
    expect(secret.stdout).not.toContain("s3cret");
  });

  it("prints kubectl's errors for a missing object and no type", async () => {
    const k = await testKubectl({ namespace: "dev", commands: [describeCommand] });
    await k.admin.create("/api/v1/namespaces", ns);
    expect(await k.run("describe pod nope")).toEqual({ code: 1, stdout: "", stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    const none = await k.run("describe");
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('error: You must specify the type of resource to describe. Use "kubectl api-resources"');
    expect(await k.run("describe pods")).toEqual({ code: 0, stdout: "", stderr: "No resources found in dev namespace.\n" });
  });

  it("matches by name prefix when no object has the exact name", async () => {
    const k = await testKubectl({ namespace: "dev", commands: [describeCommand] });
    await k.admin.create("/api/v1/namespaces", ns);
    for (const name of ["web-1", "web-2", "db"]) {
      await k.admin.create("/api/v1/namespaces/dev/configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: {} });
    }
    const r = await k.run("describe cm web");
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^Name:/gm)).toHaveLength(2);
    expect(r.stdout).not.toContain("db");
  });
});

describe("describe helpers", () => {
  it("labels generic fields as kubectl 1.35 does", () => {
    expect(smartLabel("creationTimestamp")).toBe("Creation Timestamp");
    expect(smartLabel("apiVersion")).toBe("API Version");
    expect(smartLabel("podCIDR")).toBe("Pod Cidr");
    expect(smartLabel("x.y")).toBe("x.y");
  });
  it("compacts RBAC rules per resource and sorts them by verbs", () => {
    const rules = compactRules([
      { apiGroups: [""], resources: ["pods"], verbs: ["list", "get"] },
      { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get"] },
    ]);
    expect(rules.map((r) => `${r.resources[0]}:${r.verbs.join(",")}`)).toEqual(["deployments:get", "pods:list,get"]);
  });
});
