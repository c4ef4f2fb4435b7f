import { resolveRun } from "../../sandbox/container-env";
import { storeContainerRuntime, type ContainerRun, type FileChange } from "../../sandbox/container-runtime";
import type { Container } from "../../sandbox/container-view";
import { claimVolumes, splitVolumeWrites, storeVolumeData, type VolumeFiles } from "../../sandbox/volume-data";
import type { KubeObject } from "../../store/object-store";
import { badRequest } from "../status";
import type { ApiContext } from "./api-context";
import { getObject } from "./get-object";
import type { Target } from "./target";

/** What an exec stream needs to build the container's view: the pod, and the objects the container can see. */
export type ExecSnapshot = {
  kind: "ExecSnapshot";
  pod: KubeObject;
  container: string;
  command: string[];
  tty: boolean;
  stdin: boolean;
  /** By resource plural: the namespace's configmaps and secrets, and every service, endpointslice, pod, ingress and ingress class. */
  objects: Record<string, KubeObject[]>;
  /** The run being exec'd into: the env it started with and the files written to it since. */
  run: ContainerRun;
  /** What the pod's claim-backed volumes hold, by volume name: written through any pod, kept with the volume. */
  volumes: VolumeFiles;
  /**
   * Keeps what the session wrote to the container's files. The snapshot never leaves this process (the exec
   * adapter gets it straight from serve), so it can carry the function that writes back.
   */
  commit(changes: FileChange[]): Promise<void>;
};

type ContainerStatus = { name: string; restartCount?: number; state?: { running?: { startedAt?: string } } };

/**
 * POST/GET pods/{name}/exec, once authorised (RBAC `create` on pods/exec): checks the target the way the API
 * server and kubelet do, then gathers the objects the simulated container reads. Only the exec stream adapter
 * asks for this (after the WebSocket upgrade); plain HTTP gets Kubernetes' "Upgrade request required".
 */
export async function execSnapshot(ctx: ApiContext, target: Target, query: URLSearchParams): Promise<ExecSnapshot> {
  const pod = await getObject(ctx, { ...target, subresource: "" });
  const spec = (pod.spec ?? {}) as { containers?: { name: string }[]; nodeName?: string };
  const names = (spec.containers ?? []).map((c) => c.name);
  const asked = query.get("container");
  if (!asked && names.length > 1) throw badRequest(`a container name must be specified for pod ${target.name}, choose one of: [${names.join(" ")}]`);
  const container = asked ?? names[0] ?? "";
  if (!names.includes(container)) throw badRequest(`container ${container} is not valid for pod ${target.name}`);
  const command = query.getAll("command");
  if (command.length === 0) throw badRequest("you must specify at least 1 command");
  const status = (pod.status ?? {}) as { phase?: string; containerStatuses?: ContainerStatus[] };
  if (status.phase === "Succeeded" || status.phase === "Failed") throw badRequest(`cannot exec into a container in a completed pod; current phase is ${status.phase}`);
  if (!spec.nodeName) throw badRequest(`pod ${target.name} does not have a host assigned`);
  const running = status.containerStatuses?.find((s) => s.name === container);
  if (!running?.state?.running) throw badRequest(`unable to upgrade connection: container not found ("${container}")`);
  const list = async (group: string, resource: string, namespace?: string) =>
    (await ctx.store.list({ cluster: ctx.cluster, group, resource, ...(namespace ? { namespace } : {}) })).items;
  const objects: Record<string, KubeObject[]> = {
    configmaps: await list("", "configmaps", target.namespace),
    secrets: await list("", "secrets", target.namespace),
    services: await list("", "services"),
    endpointslices: await list("discovery.k8s.io", "endpointslices"),
    pods: await list("", "pods"),
    // Requests to an Ingress's ADDRESS are routed by ingress-nginx (sandbox/exec-ingress.ts).
    ingresses: await list("networking.k8s.io", "ingresses"),
    ingressclasses: await list("networking.k8s.io", "ingressclasses"),
  };
  const flag = (name: string) => ["true", "1"].includes(query.get(name) ?? "");
  const runtime = storeContainerRuntime(ctx.store, ctx.cluster);
  const restartCount = running.restartCount ?? 0;
  // A run the kubelet did not record fixed nothing at its start: resolving it now gives the same env.
  const run =
    (await runtime.get({ namespace: target.namespace, podUid: pod.metadata.uid ?? "", container, restartCount })) ??
    resolveRun(environmentSource(objects), pod, ((pod.spec ?? {}) as { containers?: Container[] }).containers?.find((c) => c.name === container) ?? { name: container }, restartCount, Date.parse(running.state.running.startedAt ?? "") || 0);
  const data = storeVolumeData(ctx.store, ctx.cluster);
  // A claim's files are its bound volume's; an unbound claim (the pod could not have started) has none.
  const bound = new Map<string, string>();
  for (const [volume, claimName] of claimVolumes(pod)) {
    const claim = await ctx.store.get({ cluster: ctx.cluster, group: "", resource: "persistentvolumeclaims", namespace: target.namespace, name: claimName });
    const volumeName = (claim?.spec as { volumeName?: string } | undefined)?.volumeName;
    if (volumeName) bound.set(volume, volumeName);
  }
  const volumes: VolumeFiles = {};
  for (const [volume, pv] of bound) volumes[volume] = await data.get(pv);
  const containerSpec = ((pod.spec ?? {}) as { containers?: Container[] }).containers?.find((c) => c.name === container);
  const commit = async (changes: FileChange[]) => {
    const split = splitVolumeWrites(containerSpec, new Set(bound.keys()), changes);
    for (const [volume, written] of Object.entries(split.volumes)) await data.write(bound.get(volume)!, written);
    await runtime.writeFiles(target.namespace, run, split.run);
  };
  return { kind: "ExecSnapshot", pod, container, command, tty: flag("tty"), stdin: flag("stdin"), objects, run, volumes, commit };
}

function environmentSource(objects: Record<string, KubeObject[]>) {
  const of = (plural: string) => objects[plural] ?? [];
  return {
    get: (resource: { plural: string }, namespace: string, name: string) => of(resource.plural).find((o) => (o.metadata.namespace ?? "") === namespace && o.metadata.name === name),
    list: (resource: { plural: string }, namespace?: string) => of(resource.plural).filter((o) => namespace === undefined || o.metadata.namespace === namespace),
  };
}
