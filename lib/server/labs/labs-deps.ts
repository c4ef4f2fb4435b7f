import type { ClusterApi } from "../apiserver/cluster-api";
import { processClusterApi } from "../apiserver/process-cluster-api";
import type { PrismaClient } from "../db/generated/prisma/client";
import { prisma } from "../db/prisma";
import { labsFromDirectory, type LabSource } from "./lab-source";

/**
 * What every lab and assignment operation works with: the platform database, the cluster API (the checker reads
 * through it as the platform, restricted to one namespace), the labs (files, versioned with the code) and the
 * wall clock (opening times, deadlines and "since" for command history).
 */
export type LabsDeps = {
  prisma: PrismaClient;
  api: ClusterApi;
  labs: LabSource;
  now: () => Date;
};

/** Deps over a given API, database and labs directory (tests and benchmarks). */
export function labsDepsFor(api: ClusterApi, db: PrismaClient, labsDir: string, now: () => Date = () => new Date()): LabsDeps {
  return { prisma: db, api, labs: labsFromDirectory(labsDir), now };
}

/** The web process's own: its database, the API server it started and the repository's labs/ directory. */
export async function labsDeps(): Promise<LabsDeps> {
  return labsDepsFor(await processClusterApi(), prisma(), `${process.cwd()}/labs`);
}
