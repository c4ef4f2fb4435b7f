import type { KubeObject } from "../../store/object-store";
import type { Cache } from "../runtime/controller";
import { resources } from "../runtime/resource-id";

type Ref = { name?: string; secretName?: string; optional?: boolean };
type Volume = { name: string; configMap?: Ref; secret?: Ref; projected?: { sources?: { configMap?: Ref; secret?: Ref }[] } };

/** How soon the kubelet tries again to mount a volume whose ConfigMap or Secret was missing. */
export const mountRetryMs = 10_000;

/**
 * Why the kubelet cannot set up the pod's volumes, in its words (the FailedMount event), if it cannot: a
 * ConfigMap or Secret volume (or projected source) names an object that does not exist and is not optional. The
 * pod's containers wait in ContainerCreating until it appears.
 */
export function mountProblem(cache: Pick<Cache, "get">, pod: KubeObject): string | undefined {
  const namespace = pod.metadata.namespace ?? "";
  const volumes = ((pod.spec ?? {}) as { volumes?: Volume[] }).volumes ?? [];
  const missing = (kind: "configmap" | "secret", ref: Ref | undefined): string | undefined => {
    const name = kind === "secret" ? (ref?.secretName ?? ref?.name) : ref?.name;
    if (!ref || ref.optional || name === undefined) return undefined;
    const found = cache.get(kind === "secret" ? resources.secrets : resources.configmaps, namespace, name);
    return found ? undefined : `${kind} "${name}" not found`;
  };
  for (const volume of volumes) {
    const sources = [{ configMap: volume.configMap, secret: volume.secret }, ...(volume.projected?.sources ?? [])];
    for (const source of sources) {
      const problem = missing("configmap", source.configMap) ?? missing("secret", source.secret);
      if (problem) return `MountVolume.SetUp failed for volume "${volume.name}" : ${problem}`;
    }
  }
  return undefined;
}
