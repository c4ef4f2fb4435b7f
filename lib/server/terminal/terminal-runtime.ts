import type { Server } from "socket.io";
import { RequestLimiter } from "@/lib/cluster/api/rate-limit/request-limiter";
import { useEditorPrograms } from "@/lib/kubectl/commands/edit-text";
import { completeKubectl } from "@/lib/kubectl/complete-kubectl";
import { kubectlProgram } from "@/lib/kubectl/kubectl-program";
import { kubectxProgram } from "@/lib/kubectl/kubectx";
import { kubensProgram } from "@/lib/kubectl/kubens";
import { nano } from "@/lib/terminal/coreutils/nano";
import { openTerminalSession } from "@/lib/terminal/open-terminal-session";
import { apiHost } from "../apiserver/start-api-server";
import { prisma } from "../db/prisma";
import { env } from "../env";
import { logger } from "../logger";
import { kubectlDepsFor } from "./kubectl-deps-for";
import { openUserTerminal, type TerminalDeps } from "./open-user-terminal";
import { processTerminalSessions } from "./session-registry";
import { attachTerminalNamespace } from "./terminal-namespace";

/** The web process's terminals: the real shell; kubectl, kubens and kubectx as the signed-in user; the platform database. */
export function terminalDeps(): TerminalDeps {
  const config = env();
  const log = logger("terminal");
  // `kubectl edit` runs $KUBE_EDITOR/$EDITOR (default nano) as a PATH lookup would; vi and vim are nano here.
  useEditorPrograms((name) => (name === "nano" || name === "vi" || name === "vim" ? nano : undefined));
  // The address downloaded kubeconfigs name (lib/server/tokens/kubeconfig-deps.ts).
  const serverUrl = `https://${apiHost()}:${config.API_PORT}`;
  // The learner budget of the HTTPS edge (API_RATE_LIMIT_*), kept separately for the terminals of this process.
  const limiter =
    config.API_RATE_LIMIT_QPS > 0 && config.API_RATE_LIMIT_BURST > 0
      ? new RequestLimiter({ learner: { perSecond: config.API_RATE_LIMIT_QPS, burst: config.API_RATE_LIMIT_BURST }, now: () => performance.now() })
      : undefined;
  return {
    prisma: prisma(),
    openSession: openTerminalSession,
    programs: (user) => {
      const deps = kubectlDepsFor(user, serverUrl, limiter ? { admit: (identity) => limiter.admit(identity) } : {});
      return {
        programs: { kubectl: kubectlProgram(deps), kubens: kubensProgram(deps), kubectx: kubectxProgram(deps) },
        completers: { kubectl: completeKubectl(deps) },
      };
    },
    serverUrl,
    now: () => new Date(),
    onError: (error, context) => log.warn({ err: error }, context),
  };
}

/** The web process's shell sessions: `/terminal` serves them, the instructor's `/watch` shadows them read-only. */
export const terminalSessions = processTerminalSessions();

/** Serves `/terminal` on `io`; returns the function that closes every session at shutdown. */
export function attachTerminals(io: Server): () => void {
  const deps = terminalDeps();
  return attachTerminalNamespace(io, { registry: terminalSessions, createSession: (user, size) => openUserTerminal(deps, user, size) }).stop;
}
