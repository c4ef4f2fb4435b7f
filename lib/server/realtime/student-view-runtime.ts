import type { Server } from "socket.io";
import { processClusterApi } from "../apiserver/process-cluster-api";
import { prisma } from "../db/prisma";
import { terminalSessions } from "../terminal/terminal-runtime";
import { activityBus } from "./activity-bus";
import { attachWatchNamespace } from "./watch-namespace";

/** Serves `/watch` (the instructor's student view) over this process's database, cluster API, terminals and activity. */
export function attachStudentViews(io: Server): () => void {
  return attachWatchNamespace(io, { prisma: prisma(), api: () => processClusterApi(), sessions: terminalSessions, bus: activityBus }).stop;
}
