import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { applyBook, bookManifest, getJson, listJson, names } from "../../support/book-manifests";
import { useControllerCluster } from "../../support/controller-cluster";
import { waitFor } from "../../support/processes";

// The book's chapters 11 (ConfigMaps and Secrets) and 12 (StatefulSets): our own manifests from labs/manifests,
// applied with real kubectl 1.35 against the API server, with a worker running every controller.
const cluster = useControllerCluster();
const kc = (...args: string[]) => cluster.k("-n", "book-config", ...args);
const ks = (...args: string[]) => cluster.k("-n", "book-sts", ...args);
const decode = (value: unknown) => Buffer.from(String(value), "base64").toString("utf8");

describe("chapter 11: ConfigMaps and Secrets", () => {
  it("ConfigMaps from literals and from manifests hold plain key/value data", async () => {
    await cluster.k("create", "namespace", "book-config");
    await kc("create", "configmap", "testmap1", "--from-literal", "shortname=AOS", "--from-literal", "longname=Agents of Shield");
    expect((await getJson(kc, "cm", "testmap1")).data).toEqual({ shortname: "AOS", longname: "Agents of Shield" });
    expect(await applyBook(cluster, "configmaps-secrets", "multimap.yml", "book-config")).toBe("configmap/multimap created\n");
    await applyBook(cluster, "configmaps-secrets", "fullentry.yml", "book-config");
    const multimap = await getJson(kc, "cm", "multimap");
    expect(multimap.data).toEqual({ given: "Nigel", family: "Poulton" });
    expect(multimap.spec).toBeUndefined();
    expect(multimap.status).toBeUndefined();
    expect(await kc("get", "cm", "test-config", "--no-headers")).toMatch(/^test-config\s+1\s+\S+$/m);
    expect(await kc("describe", "cm", "test-config")).toMatch(/test\.conf:\n----\nenv = plex-test\nendpoint = 0\.0\.0\.0:31001\n/);
  }, 60_000);

  it("as environment variables: exec env shows them", async () => {
    await applyBook(cluster, "configmaps-secrets", "envpod.yml", "book-config");
    await kc("wait", "--for=condition=Ready", "pod/envpod", "--timeout=30s");
    const env = (await kc("exec", "envpod", "--", "env")).split("\n");
    expect(env).toEqual(expect.arrayContaining(["FIRSTNAME=Nigel", "LASTNAME=Poulton", "HOSTNAME=envpod"]));
    expect(await kc("exec", "envpod", "--", "printenv", "FIRSTNAME")).toBe("Nigel\n");
  }, 60_000);

  it("as start-up command arguments: the container's log shows the expanded values", async () => {
    await applyBook(cluster, "configmaps-secrets", "startup-pod.yml", "book-config");
    await kc("wait", "--for=condition=Ready", "pod/startup-pod", "--timeout=30s");
    expect(await kc("logs", "startup-pod", "-c", "args1")).toBe("First name Nigel last name Poulton\n");
  }, 60_000);

  it("as a volume: each entry is a file, and a re-applied ConfigMap shows in the files", async () => {
    await applyBook(cluster, "configmaps-secrets", "cmpod.yml", "book-config");
    await kc("wait", "--for=condition=Ready", "pod/cmvol", "--timeout=30s");
    expect(await kc("exec", "cmvol", "--", "ls", "/etc/name")).toBe("family\ngiven\n");
    expect(await kc("exec", "cmvol", "--", "cat", "/etc/name/given")).toBe("Nigel");
    expect(await kc("exec", "cmvol", "--", "cat", "/etc/config/test.conf")).toContain("vault = PLEX/test\nlog-size = 512M\n");

    const changed = readFileSync(bookManifest("configmaps-secrets", "multimap.yml"), "utf8").replace("family: Poulton", "family: Sinatra");
    expect(await cluster.apply(changed, "book-config")).toBe("configmap/multimap configured\n");
    await waitFor(async () => ((await kc("exec", "cmvol", "--", "cat", "/etc/name/family")) === "Sinatra" ? true : undefined), "the new value in the mounted file");
  }, 60_000);

  it("Secrets: base64 in the API, plain text in a read-only volume", async () => {
    await kc("create", "secret", "generic", "creds", "--from-literal", "user=piotr", "--from-literal", "pwd=qwerty");
    const creds = await getJson(kc, "secret", "creds");
    expect(creds.type).toBe("Opaque");
    expect(creds.data).toEqual({ user: "cGlvdHI=", pwd: "cXdlcnR5" });

    expect(await applyBook(cluster, "configmaps-secrets", "tkb-secret.yml", "book-config")).toBe("secret/tkb-secret created\n");
    const secret = await getJson(kc, "secret", "tkb-secret");
    expect(decode((secret.data as Record<string, string>).username)).toBe("helen");
    expect(await kc("get", "secret", "tkb-secret", "--no-headers")).toMatch(/^tkb-secret\s+Opaque\s+2\s+\S+$/m);
    await applyBook(cluster, "configmaps-secrets", "secretpod.yml", "book-config");
    await kc("wait", "--for=condition=Ready", "pod/secret-pod", "--timeout=30s");
    expect(await kc("exec", "secret-pod", "--", "ls", "/etc/tkb")).toBe("password\nusername\n");
    expect(await kc("exec", "secret-pod", "--", "cat", "/etc/tkb/username")).toBe("helen");
    expect(await kc("exec", "secret-pod", "--", "cat", "/etc/tkb/password")).toBe("s3cr3t-password");
    const mount = (await getJson(kc, "pod", "secret-pod")).spec as { containers: { volumeMounts: { name: string; readOnly?: boolean }[] }[] };
    expect(mount.containers[0]?.volumeMounts.find((m) => m.name === "secret-vol")?.readOnly).toBe(true);
  }, 60_000);
});

describe("chapter 12: StatefulSets", () => {
  it("a headless governing Service and three pods created in order, each with its own claim", async () => {
    await cluster.k("create", "namespace", "book-sts");
    await applyBook(cluster, "statefulsets", "sc.yml");
    expect(await applyBook(cluster, "statefulsets", "headless-svc.yml", "book-sts")).toBe("service/dullahan created\n");
    expect((await getJson(ks, "svc", "dullahan")).spec).toMatchObject({ clusterIP: "None", clusterIPs: ["None"] });
    expect(await applyBook(cluster, "statefulsets", "sts.yml", "book-sts")).toBe("statefulset.apps/tkb-sts created\n");
    expect(await ks("rollout", "status", "sts/tkb-sts", "--timeout=90s")).toMatch(/partitioned roll out complete: 3 new pods have been updated/);
    expect(await ks("get", "sts", "tkb-sts", "--no-headers")).toMatch(/^tkb-sts\s+3\/3\s+\S+$/m);
    expect(await names(ks, "pods")).toEqual(["pod/tkb-sts-0", "pod/tkb-sts-1", "pod/tkb-sts-2"]);

    // One at a time: each pod was created only once the one before it was Ready.
    const pods = new Map((await listJson(ks, "pods")).map((p) => [p.metadata.name, p]));
    const readyAt = (name: string) => Date.parse(((pods.get(name)?.status?.conditions ?? []) as { type: string; lastTransitionTime: string }[]).find((c) => c.type === "Ready")?.lastTransitionTime ?? "");
    const createdAt = (name: string) => Date.parse(pods.get(name)?.metadata.creationTimestamp ?? "");
    expect(createdAt("tkb-sts-1")).toBeGreaterThanOrEqual(readyAt("tkb-sts-0"));
    expect(createdAt("tkb-sts-2")).toBeGreaterThanOrEqual(readyAt("tkb-sts-1"));

    const claims = await listJson(ks, "pvc");
    expect(claims.map((c) => c.metadata.name).sort()).toEqual(["webroot-tkb-sts-0", "webroot-tkb-sts-1", "webroot-tkb-sts-2"]);
    for (const claim of claims) expect(claim.status?.phase, claim.metadata.name).toBe("Bound");
    for (const claim of claims) expect((claim.spec as { storageClassName: string }).storageClassName).toBe("flash");
    const claimOf = (pod: string) => ((pods.get(pod)?.spec as { volumes: { name: string; persistentVolumeClaim?: { claimName: string } }[] }).volumes.find((v) => v.name === "webroot")?.persistentVolumeClaim?.claimName);
    expect(["tkb-sts-0", "tkb-sts-1", "tkb-sts-2"].map(claimOf)).toEqual(["webroot-tkb-sts-0", "webroot-tkb-sts-1", "webroot-tkb-sts-2"]);
  }, 120_000);

  it("stable DNS names: each pod by name under the governing Service, the Service to every pod", async () => {
    await applyBook(cluster, "statefulsets", "jump-pod.yml", "book-sts");
    await ks("wait", "--for=condition=Ready", "pod/jump-pod", "--timeout=30s");
    const ips = new Map((await listJson(ks, "pods", "-l", "app=web")).map((p) => [p.metadata.name, String(p.status?.podIP)]));
    for (const [pod, ip] of ips) {
      const answer = await waitFor(async () => {
        const out = await cluster.run(["-n", "book-sts", "exec", "jump-pod", "--", "nslookup", `${pod}.dullahan`]);
        return out.code === 0 ? out.stdout : undefined;
      }, `${pod}.dullahan to resolve`);
      expect(answer).toContain(`Name:\t${pod}.dullahan.book-sts.svc.cluster.local\nAddress: ${ip}\n`);
    }
    const all = await ks("exec", "jump-pod", "--", "nslookup", "dullahan.book-sts.svc.cluster.local");
    for (const ip of ips.values()) expect(all).toContain(`Address: ${ip}\n`);
  }, 60_000);

  it("a deleted pod comes back with the same name and claim; scaling down removes the highest ordinal and keeps claims", async () => {
    const claimUid = (await getJson(ks, "pvc", "webroot-tkb-sts-1")).metadata.uid;
    const podUid = (await getJson(ks, "pod", "tkb-sts-1")).metadata.uid;
    await ks("delete", "pod", "tkb-sts-1", "--timeout=60s");
    await waitFor(async () => {
      const out = await cluster.run(["-n", "book-sts", "get", "pod", "tkb-sts-1", "-o", "jsonpath={.metadata.uid}"]);
      return out.code === 0 && out.stdout !== podUid ? true : undefined;
    }, "a new tkb-sts-1", 30_000);
    await ks("rollout", "status", "sts/tkb-sts", "--timeout=60s");
    const replacement = await getJson(ks, "pod", "tkb-sts-1");
    expect((replacement.spec as { volumes: { persistentVolumeClaim?: { claimName: string } }[] }).volumes[0]?.persistentVolumeClaim?.claimName).toBe("webroot-tkb-sts-1");
    expect((await getJson(ks, "pvc", "webroot-tkb-sts-1")).metadata.uid).toBe(claimUid);

    await ks("scale", "sts", "tkb-sts", "--replicas=2");
    await expect.poll(() => names(ks, "pods", "-l", "app=web"), { timeout: 30_000 }).toEqual(["pod/tkb-sts-0", "pod/tkb-sts-1"]);
    await ks("scale", "sts", "tkb-sts", "--replicas=1");
    await expect.poll(() => names(ks, "pods", "-l", "app=web"), { timeout: 30_000 }).toEqual(["pod/tkb-sts-0"]);
    await ks("rollout", "status", "sts/tkb-sts", "--timeout=60s");
    expect(await names(ks, "pvc")).toEqual(["persistentvolumeclaim/webroot-tkb-sts-0", "persistentvolumeclaim/webroot-tkb-sts-1", "persistentvolumeclaim/webroot-tkb-sts-2"]);

    // Scaling back up reattaches the kept claims to the same ordinals.
    const kept = (await getJson(ks, "pvc", "webroot-tkb-sts-2")).metadata.uid;
    await ks("scale", "sts", "tkb-sts", "--replicas=3");
    await ks("rollout", "status", "sts/tkb-sts", "--timeout=90s");
    expect((await getJson(ks, "pvc", "webroot-tkb-sts-2")).metadata.uid).toBe(kept);
    expect(await names(ks, "pods", "-l", "app=web")).toEqual(["pod/tkb-sts-0", "pod/tkb-sts-1", "pod/tkb-sts-2"]);
  }, 180_000);
});
