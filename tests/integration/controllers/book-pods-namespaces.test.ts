import { describe, expect, it } from "vitest";
import { applyBook, getJson, listJson, names } from "../../support/book-manifests";
import { useControllerCluster } from "../../support/controller-cluster";

// The book's chapters 4 (Pods) and 5 (Namespaces): our own manifests from labs/manifests, applied with real
// kubectl 1.35 against the API server, with a worker running every controller; the tests read back the state the
// book describes.
const cluster = useControllerCluster();
const ns = "book-pods";
const kp = (...args: string[]) => cluster.k("-n", ns, ...args);

type ContainerStatus = { name: string; ready: boolean; started?: boolean; restartCount: number; state: { running?: { startedAt: string }; terminated?: { reason: string; exitCode: number; finishedAt: string } } };
const statuses = (pod: { status?: Record<string, unknown> }, field: "containerStatuses" | "initContainerStatuses") => (pod.status?.[field] ?? []) as ContainerStatus[];

describe("chapter 4: Pods", () => {
  it("hello-pod: one labelled container, scheduled to a node, Running with its own IP and hostname", async () => {
    await cluster.k("create", "namespace", ns);
    expect(await applyBook(cluster, "pods", "hello-pod.yml", ns)).toBe("pod/hello-pod created\n");
    await kp("wait", "--for=condition=Ready", "pod/hello-pod", "--timeout=30s");
    const pod = await getJson(kp, "pod", "hello-pod");
    expect(pod.metadata.labels).toEqual({ zone: "prod", version: "v1" });
    expect(pod.status).toMatchObject({ phase: "Running", podIP: expect.stringMatching(/^10\.244\.\d+\.\d+$/) as unknown });
    expect(pod.spec?.nodeName).toMatch(/^kubeclass-worker\d?$/);
    expect(statuses(pod, "containerStatuses")).toMatchObject([{ name: "hello-ctr", ready: true, restartCount: 0, state: { running: {} } }]);
    expect(await kp("get", "pods", "--show-labels", "--no-headers")).toMatch(/^hello-pod\s+1\/1\s+Running\s+0\s+\S+\s+version=v1,zone=prod$/m);
    expect(await kp("get", "pods", "-l", "zone=prod", "-o", "name")).toBe("pod/hello-pod\n");
    expect(await kp("logs", "hello-pod", "--container", "hello-ctr")).toContain("Web app listening on port 8080");
    expect(await kp("exec", "hello-pod", "--", "hostname")).toBe("hello-pod\n");
    expect(await kp("exec", "hello-pod", "--", "pwd")).toBe("/\n");
  }, 60_000);

  it("a native sidecar (init container with restartPolicy Always) starts first and keeps running beside the app", async () => {
    await applyBook(cluster, "pods", "sidecar-pod.yml", ns);
    await kp("wait", "--for=condition=Ready", "pod/web-sidecar", "--timeout=30s");
    const pod = await getJson(kp, "pod", "web-sidecar");
    expect(statuses(pod, "initContainerStatuses")).toMatchObject([{ name: "log-shipper", started: true, ready: true, state: { running: {} } }]);
    expect(statuses(pod, "containerStatuses")).toMatchObject([{ name: "web", ready: true, state: { running: {} } }]);
    const sidecarStart = Date.parse(statuses(pod, "initContainerStatuses")[0]?.state.running?.startedAt ?? "");
    const appStart = Date.parse(statuses(pod, "containerStatuses")[0]?.state.running?.startedAt ?? "");
    expect(appStart).toBeGreaterThanOrEqual(sidecarStart);
    expect(await kp("get", "pod", "web-sidecar", "--no-headers")).toMatch(/^web-sidecar\s+2\/2\s+Running\s+0\s/);
    expect(await kp("logs", "web-sidecar", "-c", "log-shipper")).toContain("shipping access logs");
  }, 60_000);

  it("a classic two-container pod: both Running, sharing one hostname and IP", async () => {
    await applyBook(cluster, "pods", "two-container-pod.yml", ns);
    await kp("wait", "--for=condition=Ready", "pod/web-helper", "--timeout=30s");
    const pod = await getJson(kp, "pod", "web-helper");
    expect(statuses(pod, "containerStatuses").map((s) => [s.name, s.ready, Boolean(s.state.running)]).sort()).toEqual([["helper", true, true], ["web", true, true]]);
    expect(await kp("get", "pod", "web-helper", "--no-headers")).toMatch(/^web-helper\s+2\/2\s+Running\s+0\s/);
    expect(await kp("exec", "web-helper", "-c", "helper", "--", "hostname")).toBe("web-helper\n");
    expect(await kp("exec", "web-helper", "-c", "web", "--", "hostname")).toBe("web-helper\n");
    const ip = String(pod.status?.podIP);
    expect(await kp("exec", "web-helper", "-c", "helper", "--", "cat", "/etc/hosts")).toContain(`${ip}\tweb-helper`);
    // Same network namespace: the helper reaches the web container on localhost.
    expect(await kp("exec", "web-helper", "-c", "helper", "--", "wget", "-qO-", "http://localhost")).toContain("Welcome to nginx!");
    expect(await kp("logs", "web-helper", "-c", "helper")).toContain("refreshing content");
  }, 60_000);

  it("an init container runs to completion once, before the app container starts", async () => {
    await applyBook(cluster, "pods", "init-pod.yml", ns);
    await kp("wait", "--for=condition=Ready", "pod/init-pod", "--timeout=30s");
    const pod = await getJson(kp, "pod", "init-pod");
    const [init] = statuses(pod, "initContainerStatuses");
    expect(init).toMatchObject({ name: "prepare", ready: true, restartCount: 0, state: { terminated: { reason: "Completed", exitCode: 0 } } });
    const [app] = statuses(pod, "containerStatuses");
    expect(app).toMatchObject({ name: "web", ready: true, state: { running: {} } });
    expect(Date.parse(app?.state.running?.startedAt ?? "")).toBeGreaterThanOrEqual(Date.parse(init?.state.terminated?.finishedAt ?? ""));
    expect(await kp("logs", "init-pod", "-c", "prepare")).toBe("preparing the app\n");
    expect(await kp("get", "pod", "init-pod", "--no-headers")).toMatch(/^init-pod\s+1\/1\s+Running\s+0\s/);
  }, 60_000);

  it("deleting a bare pod removes it for good: nothing brings it back", async () => {
    await kp("delete", "pod", "hello-pod", "--timeout=30s");
    expect((await cluster.run(["-n", ns, "get", "pod", "hello-pod"])).stderr).toContain('pods "hello-pod" not found');
    expect(await names(kp, "pods")).toEqual(["pod/init-pod", "pod/web-helper", "pod/web-sidecar"]);
  }, 60_000);
});

describe("chapter 5: Namespaces", () => {
  it("a cluster starts with default, kube-system, kube-public and kube-node-lease", async () => {
    const all = await names(cluster.k, "namespaces");
    expect(all).toEqual(expect.arrayContaining(["namespace/default", "namespace/kube-system", "namespace/kube-public", "namespace/kube-node-lease"]));
  });

  it("a Namespace from a manifest; objects declared into it; deleting it deletes them", async () => {
    expect(await applyBook(cluster, "namespaces", "shield-ns.yml")).toBe("namespace/shield created\n");
    const namespace = await getJson(cluster.k, "namespace", "shield");
    expect(namespace.status).toEqual({ phase: "Active" });
    expect(namespace.metadata.labels).toMatchObject({ env: "marvel", "kubernetes.io/metadata.name": "shield" });

    expect(await applyBook(cluster, "namespaces", "shield-app.yml")).toBe("serviceaccount/default-sa created\nservice/the-bus created\npod/triskelion created\n");
    const ks = (...args: string[]) => cluster.k("-n", "shield", ...args);
    await ks("wait", "--for=condition=Ready", "pod/triskelion", "--timeout=30s");
    expect((await getJson(ks, "pod", "triskelion")).spec?.serviceAccountName).toBe("default-sa");
    expect(await names(ks, "serviceaccounts")).toEqual(["serviceaccount/default", "serviceaccount/default-sa"]);
    // The same names live in their own namespace only: not in default.
    expect(await names(cluster.k, "pods", "-n", "default")).toEqual([]);
    const services = (await listJson(cluster.k, "services", "--all-namespaces")).map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
    expect(services).toContain("shield/the-bus");

    await cluster.k("delete", "namespace", "shield", "--timeout=60s");
    expect((await cluster.run(["get", "namespace", "shield"])).stderr).toContain('namespaces "shield" not found');
    for (const kind of ["pods", "services", "serviceaccounts"]) {
      const left = (await listJson(cluster.k, kind, "--all-namespaces")).filter((o) => o.metadata.namespace === "shield");
      expect(left, kind).toEqual([]);
    }
  }, 90_000);
});
