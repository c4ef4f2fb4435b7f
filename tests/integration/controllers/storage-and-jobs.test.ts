import { describe, expect, it } from "vitest";
import { useControllerCluster } from "../../support/controller-cluster";
import { waitFor } from "../../support/processes";

// Real kubectl 1.35 against the real API, with a real worker running the storage and Job controllers.
const { k, apply } = useControllerCluster({ timeoutMs: 40_000 });

describe("storage and jobs in a worker process", () => {
  it("binds a claim used by a pod to a provisioned pvc-… volume on the default class", async () => {
    await k("create", "namespace", "store");
    expect(await k("get", "storageclass")).toMatch(/^standard \(default\)\s+rancher\.io\/local-path\s+Delete\s+WaitForFirstConsumer/m);
    await apply(`apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, namespace: store}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: store}
spec:
  containers: [{name: main, image: nginx}]
  volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]
`);
    const volume = await waitFor(async () => {
      const out = await k("-n", "store", "get", "pvc", "data", "-o", "jsonpath={.status.phase} {.spec.volumeName}");
      return out.startsWith("Bound ") ? out.split(" ")[1] : undefined;
    }, "the claim to be bound", 30_000);
    expect(volume).toMatch(/^pvc-[0-9a-f-]+$/);
    expect(await k("get", "pv", volume ?? "", "-o", "jsonpath={.status.phase} {.spec.claimRef.name} {.spec.storageClassName}")).toBe("Bound data standard");
    await k("-n", "store", "wait", "--for=condition=Ready", "pod/db", "--timeout=30s");
  }, 90_000);

  it("binds a claim to a matching static volume", async () => {
    await apply(`apiVersion: v1
kind: PersistentVolume
metadata: {name: manual-pv, labels: {kind: manual}}
spec:
  capacity: {storage: 2Gi}
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: ""
  hostPath: {path: /data/manual}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: manual, namespace: store}
spec:
  storageClassName: ""
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
  selector: {matchLabels: {kind: manual}}
`);
    await k("-n", "store", "wait", "--for=jsonpath={.status.phase}=Bound", "pvc/manual", "--timeout=30s");
    expect(await k("-n", "store", "get", "pvc", "manual", "-o", "jsonpath={.spec.volumeName} {.status.capacity.storage}")).toBe("manual-pv 2Gi");
  }, 60_000);

  it("runs a Job to completion and kubectl wait returns", async () => {
    await k("create", "namespace", "batch");
    await k("-n", "batch", "create", "job", "hello", "--image=busybox", "--", "sh", "-c", "echo hi");
    expect(await k("-n", "batch", "wait", "--for=condition=complete", "job/hello", "--timeout=40s")).toMatch(/job\.batch\/hello condition met/);
    expect(await k("-n", "batch", "get", "job", "hello", "-o", "jsonpath={.status.succeeded} {.spec.selector.matchLabels}")).toMatch(/^1 \{"batch\.kubernetes\.io\/controller-uid":"[^"]+"\}$/);
    const pods = await k("-n", "batch", "get", "pods", "-l", "job-name=hello", "-o", "jsonpath={.items[*].status.phase}");
    expect(pods).toBe("Succeeded");
    expect(await k("-n", "batch", "get", "events", "--field-selector", "involvedObject.name=hello", "-o", "jsonpath={.items[*].reason}")).toMatch(/SuccessfulCreate.*Completed|Completed.*SuccessfulCreate/);
  }, 90_000);

  it("creates a Job from a CronJob on request", async () => {
    await k("-n", "batch", "create", "cronjob", "tick", "--image=busybox", "--schedule=*/1 * * * *", "--", "sh", "-c", "echo tick");
    await k("-n", "batch", "create", "job", "tick-now", "--from=cronjob/tick");
    await k("-n", "batch", "wait", "--for=condition=complete", "job/tick-now", "--timeout=40s");
  }, 90_000);
});
