import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { applyBook, bookManifest, getJson, listJson, names } from "../../support/book-manifests";
import { useControllerCluster } from "../../support/controller-cluster";
import { waitFor } from "../../support/processes";

// The book's chapters 6 (Deployments) and 7 (Services): our own manifests from labs/manifests, applied with real
// kubectl 1.35 against the API server, with a worker running every controller.
const cluster = useControllerCluster();
const kd = (...args: string[]) => cluster.k("-n", "book-deploy", ...args);
const ks = (...args: string[]) => cluster.k("-n", "book-svc", ...args);

const images = async (kubectl: typeof kd, selector: string) =>
  (await listJson(kubectl, "pods", "-l", selector)).map((p) => (p.spec as { containers: { image: string }[] }).containers[0]?.image).sort();

/** Every status the Deployment goes through while the watch runs: [replicas, available, updated]. */
function watchStatus(namespace: string, name: string): { stop: () => number[][] } {
  const template = '{.status.replicas} {.status.availableReplicas} {.status.updatedReplicas}{"\\n"}';
  const child = spawn(cluster.bin, ["--kubeconfig", cluster.admin.kubeconfig, "-n", namespace, "get", "deploy", name, "--watch", "-o", `jsonpath=${template}`]);
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return {
    stop: () => {
      child.kill();
      return out.trim().split("\n").map((line) => line.split(" ").map((n) => Number(n || 0)));
    },
  };
}

type Slice = { endpoints?: { addresses: string[]; conditions?: { ready?: boolean } }[]; ports?: { port: number }[] };

describe("chapter 6: Deployments", () => {
  it("ten replicas through one ReplicaSet, all Ready and available", async () => {
    await cluster.k("create", "namespace", "book-deploy");
    expect(await applyBook(cluster, "deployments", "deploy.yml", "book-deploy")).toBe("deployment.apps/hello-deploy created\n");
    expect(await kd("rollout", "status", "deployment", "hello-deploy", "--timeout=60s")).toContain('deployment "hello-deploy" successfully rolled out');
    const deploy = await getJson(kd, "deploy", "hello-deploy");
    expect(deploy.spec).toMatchObject({ replicas: 10, minReadySeconds: 2, revisionHistoryLimit: 5, strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } });
    expect(deploy.status).toMatchObject({ replicas: 10, readyReplicas: 10, availableReplicas: 10, updatedReplicas: 10 });
    expect(await kd("get", "deploy", "hello-deploy", "--no-headers")).toMatch(/^hello-deploy\s+10\/10\s+10\s+10\s+\S+$/m);
    const sets = await listJson(kd, "replicasets");
    expect(sets).toHaveLength(1);
    const [set] = sets;
    expect(set?.metadata.name).toMatch(/^hello-deploy-[bcdfghjklmnpqrstvwxz2456789]{8,10}$/);
    expect(set?.metadata.ownerReferences).toMatchObject([{ kind: "Deployment", name: "hello-deploy" }]);
    expect(set?.status).toMatchObject({ replicas: 10, readyReplicas: 10, availableReplicas: 10 });
    const pods = await listJson(kd, "pods", "-l", "app=hello-world");
    expect(pods).toHaveLength(10);
    const hash = set?.metadata.labels?.["pod-template-hash"];
    expect(pods.every((p) => p.metadata.labels?.["pod-template-hash"] === hash && p.metadata.ownerReferences?.[0]?.name === set?.metadata.name)).toBe(true);
    expect(await images(kd, "app=hello-world")).toEqual(Array(10).fill("nigelpoulton/k8sbook:1.0"));
  }, 90_000);

  it("a NodePort Service fronts the Deployment's pods on node port 30001", async () => {
    await applyBook(cluster, "deployments", "svc.yml", "book-deploy");
    expect(await kd("get", "svc", "hello-svc", "--no-headers")).toMatch(/^hello-svc\s+NodePort\s+10\.\d+\.\d+\.\d+\s+<none>\s+8080:30001\/TCP\s/);
    const podIPs = (await listJson(kd, "pods", "-l", "app=hello-world")).map((p) => String(p.status?.podIP)).sort();
    await waitFor(async () => {
      const slices = (await listJson(kd, "endpointslices", "-l", "kubernetes.io/service-name=hello-svc")) as unknown as Slice[];
      const ready = slices.flatMap((s) => (s.endpoints ?? []).filter((e) => e.conditions?.ready).flatMap((e) => e.addresses)).sort();
      return JSON.stringify(ready) === JSON.stringify(podIPs) ? true : undefined;
    }, "the ten pod IPs in the Service's EndpointSlice");
  }, 60_000);

  it("re-applying with a new image rolls to a new ReplicaSet; history has two revisions; undo goes back", async () => {
    const before = (await listJson(kd, "replicasets"))[0]?.metadata.name;
    const watch = watchStatus("book-deploy", "hello-deploy");
    expect(await applyBook(cluster, "deployments", "deploy-v2.yml", "book-deploy")).toBe("deployment.apps/hello-deploy configured\n");
    expect(await kd("rollout", "status", "deployment", "hello-deploy", "--timeout=90s")).toContain('deployment "hello-deploy" successfully rolled out');
    // maxSurge 1 and maxUnavailable 1: never more than 11 pods, never fewer than 9 available, at any step.
    const seen = watch.stop();
    expect(seen.length).toBeGreaterThan(3);
    expect(Math.max(...seen.map(([replicas]) => replicas ?? 0))).toBeLessThanOrEqual(11);
    expect(Math.min(...seen.map(([, available]) => available ?? 0))).toBeGreaterThanOrEqual(9);
    expect(seen.at(-1)).toEqual([10, 10, 10]);
    expect(await images(kd, "app=hello-world")).toEqual(Array(10).fill("nigelpoulton/k8sbook:2.0"));
    const sets = await listJson(kd, "replicasets");
    expect(sets).toHaveLength(2);
    const old = sets.find((s) => s.metadata.name === before);
    const current = sets.find((s) => s.metadata.name !== before);
    expect(old?.spec?.replicas).toBe(0);
    expect(current?.spec?.replicas).toBe(10);
    expect(current?.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("2");
    expect(await kd("rollout", "history", "deployment", "hello-deploy")).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n/);
    const deploy = await getJson(kd, "deploy", "hello-deploy");
    expect(deploy.status).toMatchObject({ replicas: 10, updatedReplicas: 10, availableReplicas: 10 });
    expect(deploy.status?.observedGeneration).toBe(deploy.metadata.generation);

    await kd("rollout", "undo", "deployment", "hello-deploy", "--to-revision=1");
    await kd("rollout", "status", "deployment", "hello-deploy", "--timeout=90s");
    expect(await images(kd, "app=hello-world")).toEqual(Array(10).fill("nigelpoulton/k8sbook:1.0"));
    // The old ReplicaSet is wound back up (as revision 3), not a third one made.
    expect(await names(kd, "replicasets")).toHaveLength(2);
    expect((await getJson(kd, "rs", before ?? "")).spec?.replicas).toBe(10);
    expect(await kd("rollout", "history", "deployment", "hello-deploy")).toMatch(/REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>\n/);

    await kd("scale", "deploy", "hello-deploy", "--replicas", "5");
    await kd("rollout", "status", "deployment", "hello-deploy", "--timeout=60s");
    await expect.poll(async () => (await names(kd, "pods", "-l", "app=hello-world")).length, { timeout: 30_000 }).toBe(5);
  }, 180_000);
});

describe("chapter 7: Services", () => {
  it("ClusterIP, NodePort and LoadBalancer Services over ten pods; slices list the ready pods' IPs", async () => {
    await cluster.k("create", "namespace", "book-svc");
    await applyBook(cluster, "services", "deploy.yml", "book-svc");
    await ks("rollout", "status", "deployment", "svc-test", "--timeout=60s");
    for (const file of ["svc-clusterip.yml", "svc-nodeport.yml", "svc-lb.yml"]) await applyBook(cluster, "services", file, "book-svc");

    const internal = await getJson(ks, "svc", "svc-internal");
    expect(internal.spec).toMatchObject({ type: "ClusterIP", clusterIP: expect.stringMatching(/^10\.(9[6-9]|1[01]\d)\.\d+\.\d+$/) as unknown, ports: [{ port: 8080, targetPort: 8080, protocol: "TCP" }] });
    expect(await ks("get", "svc", "svc-nodeport", "--no-headers")).toMatch(/^svc-nodeport\s+NodePort\s+10\.\d+\.\d+\.\d+\s+<none>\s+8080:31001\/TCP\s/);
    const row = await waitFor(async () => {
      const out = await ks("get", "svc", "svc-lb", "--no-headers");
      return /172\.18\.255\.\d+/.test(out) ? out : undefined;
    }, "an EXTERNAL-IP on the LoadBalancer Service");
    expect(row).toMatch(/^svc-lb\s+LoadBalancer\s+10\.\d+\.\d+\.\d+\s+172\.18\.255\.\d+\s+9000:3\d{4}\/TCP\s/);

    const podIPs = (await listJson(ks, "pods", "-l", "chapter=services")).map((p) => String(p.status?.podIP)).sort();
    expect(new Set(podIPs).size).toBe(10);
    for (const service of ["svc-internal", "svc-nodeport", "svc-lb"]) {
      await waitFor(async () => {
        const slices = (await listJson(ks, "endpointslices", "-l", `kubernetes.io/service-name=${service}`)) as unknown as Slice[];
        const ready = slices.flatMap((s) => (s.endpoints ?? []).filter((e) => e.conditions?.ready).flatMap((e) => e.addresses)).sort();
        return JSON.stringify(ready) === JSON.stringify(podIPs) && slices.every((s) => s.ports?.[0]?.port === 8080) ? true : undefined;
      }, `the ten ready pod IPs in ${service}'s EndpointSlice`);
    }
    const endpoints = await getJson(ks, "endpoints", "svc-internal");
    const addresses = ((endpoints.subsets as { addresses: { ip: string }[] }[] | undefined) ?? []).flatMap((s) => s.addresses.map((a) => a.ip)).sort();
    expect(addresses).toEqual(podIPs);
  }, 120_000);

  it("scaling the pods down shrinks the endpoints; deleting the files removes it all", async () => {
    await ks("scale", "deploy", "svc-test", "--replicas=3");
    await ks("rollout", "status", "deployment", "svc-test", "--timeout=60s");
    const podIPs = async () => (await listJson(ks, "pods", "-l", "chapter=services")).filter((p) => !p.metadata.deletionTimestamp).map((p) => String(p.status?.podIP)).sort();
    await waitFor(async () => {
      const want = await podIPs();
      const slices = (await listJson(ks, "endpointslices", "-l", "kubernetes.io/service-name=svc-internal")) as unknown as Slice[];
      const listed = slices.flatMap((s) => (s.endpoints ?? []).flatMap((e) => e.addresses)).sort();
      return want.length === 3 && JSON.stringify(listed) === JSON.stringify(want) ? true : undefined;
    }, "three pods in the slice");

    const files = ["deploy.yml", "svc-clusterip.yml", "svc-nodeport.yml", "svc-lb.yml"].flatMap((f) => ["-f", bookManifest("services", f)]);
    await ks("delete", ...files, "--timeout=60s");
    expect(await names(ks, "deployments,services")).toEqual([]);
    await expect.poll(() => names(ks, "pods"), { timeout: 30_000 }).toEqual([]);
    await expect.poll(() => names(ks, "endpointslices"), { timeout: 30_000 }).toEqual([]);
  }, 120_000);
});
