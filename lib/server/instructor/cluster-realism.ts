import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import { isRealismLevel, REALISM_CONFIGMAP, realismLevels, realismOf, type RealismLevel } from "@/lib/cluster/controllers/runtime/simulation-realism";
import { platformUser } from "../apiserver/cluster-api";
import type { PlatformUser } from "../auth/platform-user";
import { isApiError } from "../classrooms/converge-object";
import { Invalid } from "../platform-errors";
import { requireDrillRunner, type DrillDeps } from "./cluster-drills";

export type RealismView = { realism: RealismLevel };

const path = InProcessClient.path("v1", "configmaps", REALISM_CONFIGMAP.namespace, REALISM_CONFIGMAP.name);
const clientFor = (deps: DrillDeps) => new InProcessClient((request) => deps.api.serve(request), platformUser, "kubeclass-cluster-drills");

/** The realism level the cluster runs at: the ConfigMap's, else the worker's own (`fallback`, from SIMULATION). */
export async function readRealism(deps: DrillDeps, actor: PlatformUser, fallback: RealismLevel): Promise<RealismView> {
  await requireDrillRunner(deps.prisma, actor);
  try {
    return { realism: realismOf(await clientFor(deps).get(path)) ?? fallback };
  } catch (error) {
    if (isApiError(error, 404)) return { realism: fallback };
    throw error;
  }
}

/** `{realism}` of a request body, or Invalid. */
export function realismInput(body: unknown): RealismLevel {
  const level = typeof body === "object" && body !== null && "realism" in body ? body.realism : undefined;
  if (!isRealismLevel(level)) throw new Invalid(`Pick a realism level: ${realismLevels.join(", ")}.`);
  return level;
}

/** Sets the whole cluster's realism level; the worker's controllers use it from their next pass on. */
export async function setRealism(deps: DrillDeps, actor: PlatformUser, body: unknown): Promise<RealismView> {
  await requireDrillRunner(deps.prisma, actor);
  const realism = realismInput(body);
  const client = clientFor(deps);
  try {
    await client.patch(path, { data: { realism } });
  } catch (error) {
    if (!isApiError(error, 404)) throw error;
    const configMap = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { ...REALISM_CONFIGMAP, labels: { "app.kubernetes.io/managed-by": "kubeclass" } },
      data: { realism },
    };
    try {
      await client.create(InProcessClient.path("v1", "configmaps", REALISM_CONFIGMAP.namespace), configMap);
    } catch (raced) {
      // Another instructor created it meanwhile: ours is the later choice.
      if (!isApiError(raced, 409)) throw raced;
      await client.patch(path, { data: { realism } });
    }
  }
  return { realism };
}
