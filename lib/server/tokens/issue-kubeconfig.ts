import type { PlatformUser } from "../auth/platform-user";
import { buildKubeconfig } from "../apiserver/kubeconfig";
import { issueApiToken } from "../auth/token-authenticator";
import type { PrismaClient } from "../db/generated/prisma/client";
import { NotFound } from "../platform-errors";

export type KubeconfigDeps = {
  prisma: PrismaClient;
  /** The API's public address (`https://host:port`) and the CA that signed its certificate. */
  server: string;
  caPem: string;
  now: () => Date;
  /** How long a downloaded kubeconfig works; a learner downloads a new one when it runs out. */
  tokenDays: number;
};

export type IssuedKubeconfig = { fileName: string; yaml: string; namespace?: string; expiresAt: Date };

/**
 * A kubeconfig for the signed-in user with a fresh token of its own (revocable on its own from the tokens page),
 * whose context points at their namespace in `classroomId` (a learner's) or at no namespace (instructors, admins).
 * The classroom is looked up through the user's own memberships: naming someone else's classroom finds nothing.
 */
export async function issueKubeconfig(deps: KubeconfigDeps, actor: PlatformUser, input: { classroomId?: string }): Promise<IssuedKubeconfig> {
  let namespace: string | undefined;
  if (input.classroomId) {
    const membership = await deps.prisma.membership.findUnique({
      where: { userId_classroomId: { userId: actor.id, classroomId: input.classroomId } },
    });
    if (!membership) throw new NotFound("You are not a member of that classroom.");
    namespace = membership.namespace ?? undefined;
  } else {
    const first = await deps.prisma.membership.findFirst({
      where: { userId: actor.id, namespace: { not: null } },
      orderBy: { joinedAt: "desc" },
    });
    namespace = first?.namespace ?? undefined;
  }
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + deps.tokenDays * 86_400_000);
  const { token } = await issueApiToken(deps.prisma, actor.id, `kubeconfig ${now.toISOString().slice(0, 10)}${namespace ? ` (${namespace})` : ""}`, expiresAt);
  const yaml = buildKubeconfig({
    server: deps.server,
    caPem: deps.caPem,
    token,
    clusterName: "kubeclass",
    userName: actor.email,
    ...(namespace ? { namespace } : {}),
  });
  return { fileName: `kubeclass-${namespace ?? "cluster"}.kubeconfig`, yaml, expiresAt, ...(namespace ? { namespace } : {}) };
}
