import { prisma } from "../db/prisma";
import { processTerminalSessions } from "../terminal/session-registry";
import type { BroadcastDeps } from "./broadcast-to-classroom";

// Per process, like the terminals the messages go to.
const lastSent = new Map<string, number>();

/** The web process's deps for broadcasts: its database, and the terminal sessions server.ts serves. */
export function broadcastDeps(): BroadcastDeps {
  return { prisma: prisma(), sessions: processTerminalSessions(), now: () => new Date(), lastSent };
}
