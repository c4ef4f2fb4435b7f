import { processClusterApi } from "../apiserver/process-cluster-api";
import { prisma } from "../db/prisma";
import { labsFromDirectory, type LabSource } from "../labs/lab-source";
import type { DashboardDeps } from "./classroom-dashboard";

// Labs are read once per process here: the dashboard is reloaded often and recomputed on every learner action,
// and labs change only with a deploy (labsDeps() builds a fresh source, so a fresh read, per call).
let labs: LabSource | undefined;

/** The web process's deps for the instructor pages, routes and live namespace. */
export async function instructorDeps(): Promise<DashboardDeps> {
  labs ??= labsFromDirectory(`${process.cwd()}/labs`);
  return { prisma: prisma(), api: await processClusterApi(), labs, now: () => new Date() };
}
