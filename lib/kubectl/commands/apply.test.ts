import { describe, expect, it } from "vitest";
import { testKubectl } from "../testing/test-kubectl";

const deployment = (image: string, extra = "") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: ${image}
${extra}`;

describe("kubectl apply", () => {
  it("creates, then reports unchanged and configured, keeping the last applied manifest", async () => {
    const k = await testKubectl();
    await k.fs.writeFile("/home/jane/d.yaml", deployment("nginx:1.25"));
    expect(await k.run("apply -f d.yaml")).toEqual({ code: 0, stdout: "deployment.apps/web created\n", stderr: "" });
    expect(await k.run("apply -f d.yaml")).toEqual({ code: 0, stdout: "deployment.apps/web unchanged\n", stderr: "" });
    await k.fs.writeFile("/home/jane/d.yaml", deployment("nginx:1.27"));
    expect(await k.run("apply -f d.yaml")).toEqual({ code: 0, stdout: "deployment.apps/web configured\n", stderr: "" });
    const live = (await k.admin.get("/apis/apps/v1/namespaces/default/deployments/web")) as unknown as {
      metadata: { annotations: Record<string, string> };
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    expect(live.spec.template.spec.containers[0]?.image).toBe("nginx:1.27");
    expect(live.metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.27","name":"web"}]}}}}\n',
    );
  });

  it("applies stdin with several objects, goes on after a failure and exits 1", async () => {
    const k = await testKubectl();
    const stdin = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: nowhere}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n---\napiVersion: v9\nkind: Nope\nmetadata: {name: c}\n`;
    const r = await k.run("apply -f -", { stdin });
    expect(r.stdout).toBe("configmap/b created\n");
    expect(r.stderr).toBe(
      'Error from server (NotFound): error when creating "STDIN": namespaces "nowhere" not found\n' +
        'error: resource mapping not found for name: "c" namespace: "" from "STDIN": no matches for kind "Nope" in version "v9"\nensure CRDs are installed first\n',
    );
    expect(r.code).toBe(1);
  });

  it("fails like kubectl without -f and for a missing file", async () => {
    const k = await testKubectl();
    expect(await k.run("apply")).toEqual({ code: 1, stdout: "", stderr: "error: must specify one of -f and -k\n" });
    expect(await k.run("apply -f gone.yaml")).toEqual({ code: 1, stdout: "", stderr: 'error: the path "gone.yaml" does not exist\n' });
  });
});
