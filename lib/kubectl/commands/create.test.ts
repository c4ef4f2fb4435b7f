import { describe, expect, it } from "vitest";
import { testKubectl } from "../testing/test-kubectl";

describe("kubectl create", () => {
  it("prints generated objects as real kubectl 1.35 does with --dry-run=client -o yaml", async () => {
    const k = await testKubectl();
    const r = await k.run("create deployment web --image=nginx:1.27 --port=80 --dry-run=client -o yaml");
    expect(r).toEqual({
      code: 0,
      stderr: "",
      stdout: `apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: web
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.27
        name: nginx
        ports:
        - containerPort: 80
        resources: {}
status: {}
`,
    });
  });

  it("prints -o json in Go field order, as real kubectl prints typed objects", async () => {
    const k = await testKubectl();
    const r = await k.run("create rolebinding rb --clusterrole=view --user=u --group=g --serviceaccount=a:b --dry-run=client -o json");
    expect(JSON.stringify(JSON.parse(r.stdout))).toBe(
      '{"kind":"RoleBinding","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"rb"},"subjects":[{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"u"},{"kind":"Group","apiGroup":"rbac.authorization.k8s.io","name":"g"},{"kind":"ServiceAccount","name":"b","namespace":"a"}],"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"}}',
    );
    const svc = await k.run("create service nodeport s --tcp=80:8080 --dry-run=client -o json");
    expect(JSON.stringify(JSON.parse(svc.stdout))).toBe(
      '{"kind":"Service","apiVersion":"v1","metadata":{"name":"s","labels":{"app":"s"}},"spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080}],"selector":{"app":"s"},"type":"NodePort"},"status":{"loadBalancer":{}}}',
    );
  });

  it("creates objects from generators and files, and says what went wrong as kubectl does", async () => {
    const k = await testKubectl();
    expect((await k.run("create namespace dev")).stdout).toBe("namespace/dev created\n");
    expect((await k.run("-n dev create configmap cfg --from-literal=a=b --from-literal=c=d")).stdout).toBe("configmap/cfg created\n");
    expect((await k.run("-n dev create secret generic s --from-literal=pw=s3cret")).stdout).toBe("secret/s created\n");
    expect((await k.run("-n dev create role reader --verb=get,list --resource=pods,deployments.apps,pods/log")).stdout).toBe("role.rbac.authorization.k8s.io/reader created\n");
    const role = (await k.admin.get("/apis/rbac.authorization.k8s.io/v1/namespaces/dev/roles/reader")) as unknown as { rules: unknown[] };
    expect(role.rules).toEqual([
      { verbs: ["get", "list"], apiGroups: [""], resources: ["pods", "pods/log"] },
      { verbs: ["get", "list"], apiGroups: ["apps"], resources: ["deployments"] },
    ]);
    const secret = (await k.admin.get("/api/v1/namespaces/dev/secrets/s")) as unknown as { data: Record<string, string>; type: string };
    expect(secret).toMatchObject({ data: { pw: "czNjcmV0" }, type: "Opaque" });
    expect(await k.run("-n dev create deployment web --image=nginx")).toEqual({ code: 0, stdout: "deployment.apps/web created\n", stderr: "" });
    expect(await k.run("-n dev create deployment web --image=nginx")).toEqual({
      code: 1,
      stdout: "",
      stderr: 'error: failed to create deployment: deployments.apps "web" already exists\n',
    });
    expect(await k.run("create namespace dev")).toEqual({ code: 1, stdout: "", stderr: 'Error from server (AlreadyExists): namespaces "dev" already exists\n' });
    expect((await k.run("create deployment")).stderr).toBe('error: required flag(s) "image" not set\n');
    expect((await k.run("create configmap")).stderr).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create configmap -h' for help and examples\n");
    await k.fs.writeFile("/home/jane/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: dev}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: other, namespace: dev}\n");
    expect(await k.run("create -f cm.yaml")).toEqual({
      code: 1,
      stdout: "configmap/other created\n",
      stderr: 'Error from server (AlreadyExists): error when creating "cm.yaml": configmaps "cfg" already exists\n',
    });
  });
});
