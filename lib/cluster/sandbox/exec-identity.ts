import type { KubeObject } from "../store/object-store";

type SecurityContext = { runAsUser?: number; runAsGroup?: number; fsGroup?: number; supplementalGroups?: number[] };
type Spec = { securityContext?: SecurityContext; containers?: { name: string; securityContext?: SecurityContext }[]; initContainers?: { name: string; securityContext?: SecurityContext }[] };

/** Who a container's processes run as: the container's securityContext over the Pod's, root when neither says. */
export function containerIdentity(pod: KubeObject, container: string): { uid: number; gid: number; groups: number[] } {
  const spec = (pod.spec ?? {}) as Spec;
  const own = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].find((c) => c.name === container)?.securityContext ?? {};
  const podContext = spec.securityContext ?? {};
  const uid = own.runAsUser ?? podContext.runAsUser ?? 0;
  // Without runAsGroup the primary group is root's, as the container runtime leaves it.
  const gid = own.runAsGroup ?? podContext.runAsGroup ?? 0;
  const extra = [...(podContext.fsGroup !== undefined ? [podContext.fsGroup] : []), ...(podContext.supplementalGroups ?? [])];
  return { uid, gid, groups: [...new Set([gid, ...extra])].sort((a, b) => a - b) };
}

const names: Record<number, string> = { 0: "root", 65534: "nobody" };
const named = (id: number) => (names[id] !== undefined ? `${id}(${names[id]})` : String(id));

/** busybox `id`: root keeps the image's wheel membership; other users get what the securityContext gives them. */
export function idOutput(pod: KubeObject, container: string): string {
  const { uid, gid, groups } = containerIdentity(pod, container);
  if (uid === 0 && gid === 0 && groups.length === 1) return "uid=0(root) gid=0(root) groups=0(root),10(wheel)\n";
  return `uid=${named(uid)} gid=${named(gid)} groups=${groups.map(named).join(",")}\n`;
}

/** busybox `whoami`: a uid without a passwd entry has no name. */
export function whoamiOutput(pod: KubeObject, container: string): { stdout: string; stderr: string; exitCode: number } {
  const { uid } = containerIdentity(pod, container);
  const name = names[uid];
  return name !== undefined ? { stdout: `${name}\n`, stderr: "", exitCode: 0 } : { stdout: "", stderr: `whoami: unknown uid ${uid}\n`, exitCode: 1 };
}
