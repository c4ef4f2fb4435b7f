import { InProcessClient } from "../../lib/cluster/api/in-process-client";
import type { KubeObject } from "../../lib/cluster/store/object-store";

/**
 * Fills a learner namespace with 50 objects, what it holds halfway through the Deployments lab: hello-deploy
 * rolled out to 2.0 (10 Pods, two ReplicaSets) and the fault drill's web-fe (3 Pods), their Services and
 * EndpointSlices, a few ConfigMaps and the Events all that left behind. Written through the API as the platform;
 * statuses go through the /status subresource, as the controllers would write them.
 */
export async function fillLabNamespace(client: InProcessClient, ns: string): Promise<number> {
  let made = 0;
  const create = async (apiVersion: string, plural: string, object: Record<string, unknown>, status?: Record<string, unknown>): Promise<KubeObject> => {
    const created = await client.create(InProcessClient.path(apiVersion, plural, ns), object);
    made++;
    if (!status) return created;
    const name = created.metadata.name ?? "";
    return client.update(InProcessClient.path(apiVersion, plural, ns, name, "status"), { ...created, status });
  };
  const template = (app: string, image: string) => ({ metadata: { labels: { app } }, spec: { containers: [{ name: "web", image, ports: [{ containerPort: 8080 }] }] } });
  const deployment = async (name: string, replicas: number, image: string, revision: number) =>
    create(
      "apps/v1",
      "deployments",
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name, annotations: { "deployment.kubernetes.io/revision": String(revision) } }, spec: { replicas, selector: { matchLabels: { app: name } }, template: template(name, image) } },
      { observedGeneration: 1, replicas, readyReplicas: replicas, availableReplicas: replicas, updatedReplicas: replicas },
    );
  const replicaSet = async (owner: KubeObject, hash: string, replicas: number, image: string) =>
    create(
      "apps/v1",
      "replicasets",
      {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: { name: `${owner.metadata.name}-${hash}`, labels: { app: owner.metadata.name, "pod-template-hash": hash }, ownerReferences: [ownerRef(owner)] },
        spec: { replicas, selector: { matchLabels: { app: owner.metadata.name, "pod-template-hash": hash } }, template: template(owner.metadata.name ?? "", image) },
      },
      { replicas, readyReplicas: replicas, availableReplicas: replicas },
    );
  const pods = async (rs: KubeObject, count: number, image: string) => {
    const labels = (rs.metadata.labels ?? {}) as Record<string, string>;
    for (let i = 0; i < count; i++) {
      await create(
        "v1",
        "pods",
        { apiVersion: "v1", kind: "Pod", metadata: { name: `${rs.metadata.name}-p${i}x7k`, labels, ownerReferences: [ownerRef(rs)] }, spec: { nodeName: "node-1", containers: [{ name: "web", image }] } },
        {
          phase: "Running",
          podIP: `10.1.${made % 250}.${i + 2}`,
          conditions: [{ type: "Ready", status: "True" }],
          containerStatuses: [{ name: "web", image, ready: true, restartCount: 0, state: { running: { startedAt: "2030-01-01T00:00:00Z" } } }],
        },
      );
    }
  };
  const service = async (name: string, app: string, endpoints: number) => {
    await create("v1", "services", { apiVersion: "v1", kind: "Service", metadata: { name }, spec: { selector: { app }, ports: [{ port: 8080, targetPort: 8080 }] } });
    await create("discovery.k8s.io/v1", "endpointslices", {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: `${name}-ab12c`, labels: { "kubernetes.io/service-name": name } },
      addressType: "IPv4",
      ports: [{ port: 8080, protocol: "TCP" }],
      endpoints: Array.from({ length: endpoints }, (_, i) => ({ addresses: [`10.1.0.${i + 2}`], conditions: { ready: true } })),
    });
  };

  const hello = await deployment("hello-deploy", 10, "nigelpoulton/k8sbook:2.0", 2);
  await replicaSet(hello, "5d8f7c9b4", 0, "nigelpoulton/k8sbook:1.0");
  await pods(await replicaSet(hello, "7c6b5f4d9", 10, "nigelpoulton/k8sbook:2.0"), 10, "nigelpoulton/k8sbook:2.0");
  const web = await deployment("web-fe", 3, "nigelpoulton/k8sbook:2.0", 2);
  await pods(await replicaSet(web, "6f9d8b7c5", 3, "nigelpoulton/k8sbook:2.0"), 3, "nigelpoulton/k8sbook:2.0");
  await service("hello-svc", "hello-deploy", 10);
  await service("web-fe", "web-fe", 3);
  await service("hello-np", "hello-deploy", 10);
  for (const name of ["app-config", "feature-flags", "nginx-conf"]) {
    await create("v1", "configmaps", { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { "app.properties": "greeting=hello\ncolour=blue\n" } });
  }
  // Events up to 50 objects in all (the namespace's kube-root-ca.crt and the platform's own objects aside).
  const reasons = ["Scheduled", "Pulling", "Pulled", "Created", "Started", "ScalingReplicaSet", "SuccessfulCreate", "Killing"];
  for (let i = 0; made < 50; i++) {
    await create("v1", "events", {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: `hello-deploy.${(0x17a0000 + i).toString(16)}` },
      involvedObject: { kind: "Pod", name: `hello-deploy-7c6b5f4d9-p${i % 10}x7k`, namespace: ns },
      reason: reasons[i % reasons.length],
      message: `event ${i}`,
      type: "Normal",
      firstTimestamp: "2030-01-01T00:00:00Z",
      lastTimestamp: "2030-01-01T00:00:00Z",
      count: 1,
      source: { component: "kubelet" },
    });
  }
  return made;
}

function ownerRef(owner: KubeObject) {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid, controller: true, blockOwnerDeletion: true };
}
