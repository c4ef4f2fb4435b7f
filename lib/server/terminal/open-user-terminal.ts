import type { ArgumentCompleter, TerminalSession, TerminalSessionOptions } from "@/lib/terminal/terminal-session";
import type { Program } from "@/lib/terminal/program";
import type { PlatformUser } from "../auth/platform-user";
import type { PrismaClient } from "../db/generated/prisma/client";
import { bufferEarlyOutput } from "./buffer-early-output";
import { homeDirectory, homeUserName } from "./home-path";
import { PrismaHomeFs } from "./prisma-home-fs";
import { prismaHistory } from "./prisma-history";
import { adoptLearnerNamespace, currentNamespace, ensureTerminalHome, terminalKubeconfig } from "./terminal-kubeconfig";

export type TerminalDeps = {
  prisma: PrismaClient;
  /** The shell (lib/terminal/open-terminal-session.ts), or a stand-in in tests. */
  openSession(options: TerminalSessionOptions): TerminalSession;
  /** The programs besides the shell's own (kubectl, kubens, kubectx), acting as `user`. */
  programs(user: PlatformUser): { programs: Record<string, Program>; completers: Record<string, ArgumentCompleter> };
  /** The API server's URL as downloaded kubeconfigs name it. */
  serverUrl: string;
  now: () => Date;
  onError: (error: unknown, context: string) => void;
};

/** The namespace a learner works in: their most recently joined classroom's, or "default" without one. */
export async function learnerNamespace(prisma: PrismaClient, userId: string): Promise<string> {
  const membership = await prisma.membership.findFirst({
    where: { userId, namespace: { not: null } },
    orderBy: { joinedAt: "desc" },
    select: { namespace: true },
  });
  return membership?.namespace ?? "default";
}

/**
 * A new shell for `user`: their home from Postgres (with ~/.kube/config written on first use), their history,
 * and every command recorded with the namespace it ran against.
 */
export async function openUserTerminal(deps: TerminalDeps, user: PlatformUser, size: { columns: number; rows: number }): Promise<TerminalSession> {
  const userName = homeUserName(user.email);
  const home = homeDirectory(userName);
  const fs = new PrismaHomeFs(deps.prisma, user.id, home);
  // Reopening (the usual case) finds the home made: no write transactions then.
  if (!(await fs.stat(`${home}/.kube/config`))) await fs.mkdir(home, { parents: true });
  const namespace = await learnerNamespace(deps.prisma, user.id);
  await ensureTerminalHome(fs, home, () => Promise.resolve(terminalKubeconfig({ serverUrl: deps.serverUrl, email: user.email, namespace })));
  await adoptLearnerNamespace(fs, `${home}/.kube/config`, namespace);
  const { history, onCommand } = prismaHistory({
    prisma: deps.prisma,
    userId: user.id,
    now: deps.now,
    namespace: () => currentNamespace(fs, `${home}/.kube/config`),
    onError: (error) => deps.onError(error, "recording a terminal command"),
  });
  const { programs, completers } = deps.programs(user);
  return bufferEarlyOutput(
    deps.openSession({ fs, home, userName, env: {}, programs, completers, history, columns: size.columns, rows: size.rows, now: deps.now, onCommand }),
  );
}
