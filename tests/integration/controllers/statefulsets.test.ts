import { describe, expect, it } from "vitest";
import { useControllerCluster } from "../../support/controller-cluster";

// Real kubectl 1.35 against the real API, with a worker process running every controller (scheduler and kubelet
// make the pods Ready). No storage provisioner is assumed: the claims may stay Pending.
const cluster = useControllerCluster({ timeoutMs: 90_000 });
const k = cluster.inNamespace("stateful");

const manifest = `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`;

type Item = { metadata: { name: string; uid: string; resourceVersion: string; creationTimestamp: string }; message?: string; status?: { conditions?: { type: string; lastTransitionTime: string }[] } };
const json = async (...args: string[]) => (JSON.parse(await k(...args, "-o", "json")) as { items: Item[] }).items;
const names = async (kind: string) => (await k("get", kind, "-o", "name")).trim().split("\n").filter(Boolean).sort();

describe("StatefulSets with kubectl 1.35 and a real worker", () => {
  it("apply with a headless Service, rollout status, ordered pods, stable identity and claims", async () => {
    await cluster.run(["create", "namespace", "stateful"]);
    expect(await cluster.apply(manifest, "stateful")).toMatch(/statefulset.apps\/web created/);
    expect(await k("rollout", "status", "sts/web", "--timeout=60s")).toMatch(/partitioned roll out complete: 3 new pods have been updated/);
    expect(await names("pods")).toEqual(["pod/web-0", "pod/web-1", "pod/web-2"]);
    expect(await names("pvc")).toEqual(["persistentvolumeclaim/www-web-0", "persistentvolumeclaim/www-web-1", "persistentvolumeclaim/www-web-2"]);
    expect(await k("get", "sts", "web", "--no-headers")).toMatch(/^web\s+3\/3\s+/);

    // In order: each pod was created only after the one before it was Ready.
    const pods = new Map((await json("get", "pods")).map((p) => [p.metadata.name, p]));
    const readyAt = (name: string) => Date.parse(pods.get(name)?.status?.conditions?.find((c) => c.type === "Ready")?.lastTransitionTime ?? "");
    const createdAt = (name: string) => Date.parse(pods.get(name)?.metadata.creationTimestamp ?? "");
    expect(createdAt("web-1")).toBeGreaterThanOrEqual(readyAt("web-0"));
    expect(createdAt("web-2")).toBeGreaterThanOrEqual(readyAt("web-1"));
    const creates = (await json("get", "events", "--field-selector", "involvedObject.name=web,reason=SuccessfulCreate"))
      .sort((a, b) => Number(BigInt(a.metadata.resourceVersion) - BigInt(b.metadata.resourceVersion)))
      .map((e) => e.message);
    expect(creates).toEqual([
      "create Claim www-web-0 Pod web-0 in StatefulSet web success",
      "create Pod web-0 in StatefulSet web successful",
      "create Claim www-web-1 Pod web-1 in StatefulSet web success",
      "create Pod web-1 in StatefulSet web successful",
      "create Claim www-web-2 Pod web-2 in StatefulSet web success",
      "create Pod web-2 in StatefulSet web successful",
    ]);
    expect(await k("get", "pod", "web-1", "-o", "jsonpath={.spec.hostname}.{.spec.subdomain} {.spec.volumes[0].persistentVolumeClaim.claimName}")).toBe("web-1.nginx www-web-1");
  }, 180_000);

  it("a deleted pod comes back with the same name and claim; scale-down keeps the claims", async () => {
    const claimUid = await k("get", "pvc", "www-web-1", "-o", "jsonpath={.metadata.uid}");
    const podUid = await k("get", "pod", "web-1", "-o", "jsonpath={.metadata.uid}");
    await k("delete", "pod", "web-1", "--timeout=30s");
    await expect.poll(async () => (await cluster.run(["-n", "stateful", "get", "pod", "web-1", "-o", "jsonpath={.metadata.uid}"])).stdout, { timeout: 30_000 }).not.toMatch(new RegExp(`^(${podUid})?$`));
    await k("rollout", "status", "sts/web", "--timeout=60s");
    expect(await k("get", "pod", "web-1", "-o", "jsonpath={.spec.volumes[0].persistentVolumeClaim.claimName}")).toBe("www-web-1");
    expect(await k("get", "pvc", "www-web-1", "-o", "jsonpath={.metadata.uid}")).toBe(claimUid);

    expect(await k("scale", "sts", "web", "--replicas=1")).toMatch(/statefulset.apps\/web scaled/);
    await expect.poll(() => names("pods"), { timeout: 30_000 }).toEqual(["pod/web-0"]);
    expect(await names("pvc")).toEqual(["persistentvolumeclaim/www-web-0", "persistentvolumeclaim/www-web-1", "persistentvolumeclaim/www-web-2"]);
    await k("rollout", "status", "sts/web", "--timeout=60s");
    expect(await k("get", "sts", "web", "-o", "jsonpath={.status.replicas}/{.status.readyReplicas}")).toBe("1/1");
  }, 180_000);

  it("set image rolls every pod to the new revision; rollout history lists both revisions", async () => {
    await k("scale", "sts", "web", "--replicas=2");
    await k("rollout", "status", "sts/web", "--timeout=60s");
    await k("set", "image", "sts/web", "nginx=nginx:1.28");
    expect(await k("rollout", "status", "sts/web", "--timeout=90s")).toMatch(/partitioned roll out complete: 2 new pods have been updated/);
    const images = (await k("get", "pods", "-o", "jsonpath={range .items[*]}{.metadata.name}={.spec.containers[0].image}{'\\n'}{end}")).trim().split("\n").sort();
    expect(images).toEqual(["web-0=nginx:1.28", "web-1=nginx:1.28"]);
    expect(await k("get", "sts", "web", "-o", "jsonpath={.status.currentRevision}={.status.updateRevision}")).toMatch(/^(web-\w+)=\1$/);
    expect(await k("rollout", "history", "sts/web")).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
  }, 180_000);

  it("a DaemonSet runs one pod per worker and kubectl rollout status completes", async () => {
    await cluster.apply(`apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logs
spec:
  selector:
    matchLabels:
      app: logs
  template:
    metadata:
      labels:
        app: logs
    spec:
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sleep", "3600"]
`, "stateful");
    expect(await k("rollout", "status", "ds/logs", "--timeout=60s")).toMatch(/daemon set "logs" successfully rolled out/);
    const nodes = (await k("get", "pods", "-l", "app=logs", "-o", "jsonpath={range .items[*]}{.spec.nodeName}{'\\n'}{end}")).trim().split("\n").sort();
    expect(nodes).toEqual(["kubeclass-worker", "kubeclass-worker2", "kubeclass-worker3"]);
    expect(await k("get", "ds", "logs", "--no-headers")).toMatch(/^logs\s+3\s+3\s+3\s+3\s+3\s+/);
  }, 120_000);
});
