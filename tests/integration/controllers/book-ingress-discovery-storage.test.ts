import { describe, expect, it } from "vitest";
import { applyBook, getJson, listJson } from "../../support/book-manifests";
import { useControllerCluster } from "../../support/controller-cluster";
import { waitFor } from "../../support/processes";

// The book's chapters 8 (Ingress), 9 (Service discovery) and 10 (Storage): our own manifests from labs/manifests,
// applied with real kubectl 1.35 against the API server, with a worker running every controller.
const cluster = useControllerCluster();
const ki = (...args: string[]) => cluster.k("-n", "book-ingress", ...args);
const kst = (...args: string[]) => cluster.k("-n", "book-storage", ...args);

describe("chapter 8: Ingress", () => {
  it("the nginx IngressClass is there; host and path rules to two Services; the Ingress gets an address", async () => {
    const ingressClass = await getJson(cluster.k, "ingressclass", "nginx");
    expect(ingressClass.spec).toEqual({ controller: "k8s.io/ingress-nginx" });

    await cluster.k("create", "namespace", "book-ingress");
    await applyBook(cluster, "ingress", "apps.yml", "book-ingress");
    await ki("rollout", "status", "deployment/shield", "--timeout=60s");
    await ki("rollout", "status", "deployment/hydra", "--timeout=60s");
    expect(await applyBook(cluster, "ingress", "ingress.yml", "book-ingress")).toBe("ingress.networking.k8s.io/mcu-all created\n");

    const row = await waitFor(async () => {
      const out = (await ki("get", "ing", "mcu-all", "--no-headers")).trim();
      return /\s172\.18\.255\.\d+\s/.test(out) ? out : undefined;
    }, "an ADDRESS on the Ingress");
    expect(row).toMatch(/^mcu-all\s+nginx\s+shield\.mcu\.com,hydra\.mcu\.com,mcu\.com\s+172\.18\.255\.\d+\s+80\s+\S+$/);
    const ingress = await getJson(ki, "ingress", "mcu-all");
    expect(ingress.status).toMatchObject({ loadBalancer: { ingress: [{ ip: expect.stringMatching(/^172\.18\.255\.\d+$/) as unknown }] } });

    // describe lists each host and path with the Service and the pod endpoints behind it.
    const described = await ki("describe", "ingress", "mcu-all");
    const ips = async (app: string) => (await listJson(ki, "pods", "-l", `app=${app}`)).map((p) => `${String(p.status?.podIP)}:8080`);
    expect(described).toMatch(/Ingress Class:\s+nginx/);
    expect(described).toMatch(/Default backend:\s+svc-shield:8080 \(/);
    expect(described).toMatch(/shield\.mcu\.com\s*\n\s+\/\s+svc-shield:8080 \(/);
    expect(described).toMatch(/hydra\.mcu\.com\s*\n\s+\/\s+svc-hydra:8080 \(/);
    expect(described).toMatch(/mcu\.com\s*\n\s+\/shield\s+svc-shield:8080 \([^)]+\)\n\s+\/hydra\s+svc-hydra:8080 \(/);
    for (const ip of [...(await ips("shield")), ...(await ips("hydra"))]) expect(described).toContain(ip);

    // Requests to the Ingress's address reach the app the Host header and path select (the default backend else).
    await ki("run", "jump", "--image=busybox:1.36", "--", "sleep", "3600");
    await ki("wait", "--for=condition=Ready", "pod/jump", "--timeout=30s");
    const address = await ki("get", "ingress", "mcu-all", "-o", "jsonpath={.status.loadBalancer.ingress[0].ip}");
    const served = async (host: string, path: string) => (await ki("exec", "jump", "--", "wget", "-qO-", "--header", `Host: ${host}`, `http://${address}${path}`)).match(/Hello from (\w+)-/)?.[1];
    expect(await served("shield.mcu.com", "/")).toBe("shield");
    expect(await served("hydra.mcu.com", "/")).toBe("hydra");
    expect(await served("mcu.com", "/shield")).toBe("shield");
    expect(await served("mcu.com", "/hydra")).toBe("hydra");
    expect(await served("avengers.mcu.com", "/")).toBe("shield");
  }, 90_000);
});

describe("chapter 9: Service discovery", () => {
  it("short names resolve in the caller's namespace, FQDNs across namespaces, and traffic reaches the right pods", async () => {
    expect(await cluster.k("-n", "kube-system", "get", "svc", "kube-dns", "-o", "jsonpath={.spec.clusterIP}")).toBe("10.96.0.10");
    await applyBook(cluster, "service-discovery", "sd-example.yml");
    const kdev = (...args: string[]) => cluster.k("-n", "dev", ...args);
    await kdev("rollout", "status", "deployment/enterprise", "--timeout=60s");
    await cluster.k("-n", "prod", "rollout", "status", "deployment/enterprise", "--timeout=60s");
    await kdev("wait", "--for=condition=Ready", "pod/jump", "--timeout=30s");

    const resolv = await kdev("exec", "jump", "--", "cat", "/etc/resolv.conf");
    expect(resolv).toContain("search dev.svc.cluster.local svc.cluster.local cluster.local");
    expect(resolv).toContain("nameserver 10.96.0.10");

    const devIP = await kdev("get", "svc", "ent", "-o", "jsonpath={.spec.clusterIP}");
    const prodIP = await cluster.k("-n", "prod", "get", "svc", "ent", "-o", "jsonpath={.spec.clusterIP}");
    expect(devIP).not.toBe(prodIP);
    const short = await kdev("exec", "jump", "--", "nslookup", "ent");
    expect(short).toContain("Server:\t\t10.96.0.10");
    expect(short).toContain(`Name:\tent.dev.svc.cluster.local\nAddress: ${devIP}`);
    const fqdn = await kdev("exec", "jump", "--", "nslookup", "ent.prod.svc.cluster.local");
    expect(fqdn).toContain(`Name:\tent.prod.svc.cluster.local\nAddress: ${prodIP}`);

    // dev's ent runs nginx, prod's runs httpd: the answer shows which namespace's pods served the request.
    const get = async (url: string, expected: string) =>
      waitFor(async () => {
        const result = await cluster.run(["-n", "dev", "exec", "jump", "--", "wget", "-qO-", url]);
        return result.stdout.includes(expected) ? result.stdout : undefined;
      }, `${url} to answer`);
    await get("http://ent", "<title>Welcome to nginx!</title>");
    await get("http://ent.dev", "<title>Welcome to nginx!</title>");
    await get("http://ent.prod.svc.cluster.local", "<h1>It works!</h1>");
    await get("http://ent.prod", "<h1>It works!</h1>");
    const missing = await cluster.run(["-n", "dev", "exec", "jump", "--", "nslookup", "ent.qa.svc.cluster.local"]);
    expect(missing.stdout + missing.stderr).toContain("** server can't find ent.qa.svc.cluster.local: NXDOMAIN");
  }, 120_000);
});

type Claim = { spec: { volumeName?: string; storageClassName?: string }; status: { phase: string; capacity?: { storage: string } } };
type Volume = { spec: { persistentVolumeReclaimPolicy: string; storageClassName: string; capacity: { storage: string }; claimRef: { name: string; namespace: string }; nodeAffinity?: { required: { nodeSelectorTerms: { matchExpressions: { values: string[] }[] }[] } } }; status: { phase: string } };
const claim = async (name: string) => (await getJson(kst, "pvc", name)) as unknown as Claim;
const volume = async (name: string) => (await getJson(cluster.k, "pv", name)) as unknown as Volume;

describe("chapter 10: Storage", () => {
  it("StorageClasses with their reclaim policy and binding mode", async () => {
    await cluster.k("create", "namespace", "book-storage");
    expect(await applyBook(cluster, "storage", "sc-fast.yml")).toBe("storageclass.storage.k8s.io/fast created\n");
    expect(await applyBook(cluster, "storage", "sc-slow.yml")).toBe("storageclass.storage.k8s.io/slow created\n");
    const table = await cluster.k("get", "sc");
    expect(table).toMatch(/^NAME\s+PROVISIONER\s+RECLAIMPOLICY\s+VOLUMEBINDINGMODE\s+ALLOWVOLUMEEXPANSION\s+AGE\n/);
    expect(table).toMatch(/^fast\s+rancher\.io\/local-path\s+Retain\s+Immediate\s+true\s+\S+$/m);
    expect(table).toMatch(/^slow\s+rancher\.io\/local-path\s+Delete\s+WaitForFirstConsumer\s+false\s+\S+$/m);
  });

  it("Immediate: a claim binds at once to a dynamically provisioned volume", async () => {
    await applyBook(cluster, "storage", "pvc-fast.yml", "book-storage");
    await kst("wait", "--for=jsonpath={.status.phase}=Bound", "pvc/pvc-fast", "--timeout=30s");
    const bound = await claim("pvc-fast");
    expect(bound.spec.volumeName).toMatch(/^pvc-[0-9a-f-]{36}$/);
    expect(bound.status.capacity?.storage).toBe("1Gi");
    const pv = await volume(bound.spec.volumeName ?? "");
    expect(pv.status.phase).toBe("Bound");
    expect(pv.spec).toMatchObject({ persistentVolumeReclaimPolicy: "Retain", storageClassName: "fast", capacity: { storage: "1Gi" }, claimRef: { name: "pvc-fast", namespace: "book-storage" } });
  }, 60_000);

  it("WaitForFirstConsumer: Pending until a pod uses the claim, then bound on that pod's node", async () => {
    await applyBook(cluster, "storage", "pvc-slow.yml", "book-storage");
    await waitFor(async () => {
      const reasons = await kst("get", "events", "--field-selector", "involvedObject.name=pvc-slow", "-o", "jsonpath={.items[*].reason}");
      return reasons.includes("WaitForFirstConsumer") ? true : undefined;
    }, "the WaitForFirstConsumer event");
    expect((await claim("pvc-slow")).status.phase).toBe("Pending");
    expect((await kst("get", "pvc", "pvc-slow", "--no-headers")).trim()).toMatch(/^pvc-slow\s+Pending\s+slow\s+<unset>\s+\S+$/);

    await applyBook(cluster, "storage", "volpod.yml", "book-storage");
    await kst("wait", "--for=condition=Ready", "pod/volpod", "--timeout=60s");
    await kst("wait", "--for=jsonpath={.status.phase}=Bound", "pvc/pvc-slow", "--timeout=30s");
    const name = (await claim("pvc-slow")).spec.volumeName ?? "";
    const pv = await volume(name);
    expect(pv.spec).toMatchObject({ persistentVolumeReclaimPolicy: "Delete", storageClassName: "slow", capacity: { storage: "2Gi" } });
    const node = String((await getJson(kst, "pod", "volpod")).spec?.nodeName);
    expect(pv.spec.nodeAffinity?.required.nodeSelectorTerms[0]?.matchExpressions[0]?.values).toEqual([node]);
    expect(await kst("get", "pvc", "pvc-slow", "--no-headers")).toMatch(new RegExp(`^pvc-slow\\s+Bound\\s+${name}\\s+2Gi\\s+RWO\\s+slow\\s+`));
    expect(await kst("exec", "volpod", "--", "ls", "-d", "/data")).toBe("/data\n");
  }, 90_000);

  it("deleting the claims: Delete removes the volume, Retain keeps it Released", async () => {
    const slowVolume = (await claim("pvc-slow")).spec.volumeName ?? "";
    const fastVolume = (await claim("pvc-fast")).spec.volumeName ?? "";
    // bash as PID 1 ignores SIGTERM: without a short grace period the delete waits the default 30 s.
    await kst("delete", "pod", "volpod", "--grace-period=1", "--timeout=60s");
    await kst("delete", "pvc", "pvc-slow", "pvc-fast", "--timeout=60s");
    await waitFor(async () => ((await cluster.run(["get", "pv", slowVolume])).stderr.includes("not found") ? true : undefined), "the Delete volume to go");
    await cluster.k("wait", "--for=jsonpath={.status.phase}=Released", `pv/${fastVolume}`, "--timeout=30s");
    expect((await volume(fastVolume)).spec.claimRef.name).toBe("pvc-fast");
    expect(await cluster.k("get", "pv", fastVolume, "--no-headers")).toMatch(new RegExp(`^${fastVolume}\\s+1Gi\\s+RWO\\s+Retain\\s+Released\\s+book-storage/pvc-fast\\s+fast\\s+`));
  }, 90_000);
});
