import type { Node } from "kubernetes-types/core/v1";
import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import { STOPPED_ANNOTATION } from "@/lib/cluster/controllers/nodes/simulated-nodes";
import { clusterNodeRow, sortNodeRows, type ClusterNodeRow } from "@/lib/instructor/cluster-node-row";
import { platformUser, type ClusterApi } from "../apiserver/cluster-api";
import type { PlatformUser } from "../auth/platform-user";
import { isApiError } from "../classrooms/converge-object";
import type { PrismaClient } from "../db/generated/prisma/client";
import { Forbidden, Invalid, NotFound } from "../platform-errors";

export type DrillDeps = { prisma: PrismaClient; api: ClusterApi };

const nodesPath = InProcessClient.path("v1", "nodes");
// Acting as the platform: instructors hold no write on Nodes in the cluster's RBAC, and the drill is the platform's.
const clientFor = (api: ClusterApi) => new InProcessClient((request) => api.serve(request), platformUser, "kubeclass-cluster-drills");

/**
 * Drills act on the one cluster every classroom shares, so they are for people who teach: platform admins and
 * instructors, and anyone who is an instructor of some classroom. Learners never.
 */
export async function requireDrillRunner(prisma: PrismaClient, actor: PlatformUser): Promise<void> {
  if (actor.role === "ADMIN" || actor.role === "INSTRUCTOR") return;
  const teaches = await prisma.membership.findFirst({ where: { userId: actor.id, role: "INSTRUCTOR" }, select: { id: true } });
  if (!teaches) throw new Forbidden("Only instructors can run cluster drills.");
}

/** The cluster's nodes with what a drill is doing to each. */
export async function listClusterNodes(deps: DrillDeps, actor: PlatformUser): Promise<ClusterNodeRow[]> {
  await requireDrillRunner(deps.prisma, actor);
  const { items } = await clientFor(deps.api).list(nodesPath);
  return sortNodeRows(items.map((item) => clusterNodeRow(item as Node)));
}

/** `{on}` of a power request body, or Invalid. */
export function powerInput(body: unknown): boolean {
  const on = typeof body === "object" && body !== null && "on" in body ? body.on : undefined;
  if (typeof on !== "boolean") throw new Invalid('Say whether the node should run: {"on": true} or {"on": false}.');
  return on;
}

/**
 * Powers a worker node off (it stops heartbeating: NotReady after the grace period, its pods evicted later, as on
 * a real cluster) or on again, through the API like `kubectl annotate node`. The control plane is never stopped.
 */
export async function setNodePower(deps: DrillDeps, actor: PlatformUser, name: string, body: unknown): Promise<ClusterNodeRow> {
  await requireDrillRunner(deps.prisma, actor);
  const on = powerInput(body);
  if (!/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(name)) throw new NotFound(`The cluster has no node named ${name.slice(0, 253)}.`);
  const client = clientFor(deps.api);
  const path = InProcessClient.path("v1", "nodes", undefined, name);
  let node: Node;
  try {
    node = (await client.get(path)) as Node;
  } catch (error) {
    if (isApiError(error, 404)) throw new NotFound(`The cluster has no node named ${name}.`);
    throw error;
  }
  if (clusterNodeRow(node).controlPlane) throw new Invalid("The control plane cannot be stopped: the whole cluster would stop with it. Pick a worker node.");
  // A merge patch with null removes the annotation; only this one key is touched.
  const patched = await client.patch(path, { metadata: { annotations: { [STOPPED_ANNOTATION]: on ? null : "true" } } });
  return clusterNodeRow(patched as Node);
}
