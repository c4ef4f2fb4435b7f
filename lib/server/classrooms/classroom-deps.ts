import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import type { ResourceType } from "@/lib/cluster/api/resources/resource-type";
import { platformUser, type ClusterApi } from "../apiserver/cluster-api";
import { processClusterApi } from "../apiserver/process-cluster-api";
import type { PrismaClient } from "../db/generated/prisma/client";
import { prisma } from "../db/prisma";

/**
 * What every classroom operation works with: the platform database, the cluster API as the platform itself
 * (system:masters, through the same authorise → admit → store path as any request), and the resource types the
 * API serves (a namespace reset deletes every namespaced kind, custom ones included).
 */
export type ClassroomDeps = {
  prisma: PrismaClient;
  cluster: InProcessClient;
  resourceTypes: () => readonly ResourceType[];
};

/** Deps over a given ClusterApi and database (tests and benchmarks). */
export function classroomDepsFor(api: ClusterApi, db: PrismaClient): ClassroomDeps {
  return {
    prisma: db,
    cluster: new InProcessClient((request) => api.serve(request), platformUser, "kubeclass-classrooms"),
    resourceTypes: () => api.ctx.registry.all(),
  };
}

/** The web process's own: its database and the API server it started (waits for it while it boots). */
export async function classroomDeps(): Promise<ClassroomDeps> {
  return classroomDepsFor(await processClusterApi(), prisma());
}
