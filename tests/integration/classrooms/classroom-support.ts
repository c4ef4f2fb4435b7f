import { InProcessClient } from "@/lib/cluster/api/in-process-client";
import type { ClusterApi } from "@/lib/server/apiserver/cluster-api";
import type { PlatformUser } from "@/lib/server/auth/platform-user";
import { userInfoFor } from "@/lib/server/auth/token-authenticator";
import type { PrismaClient } from "@/lib/server/db/generated/prisma/client";

/** A platform user stored in the test database, as the session would hand it to a classroom operation. */
export async function platformUser(prisma: PrismaClient, email: string, role: PlatformUser["role"]): Promise<PlatformUser> {
  const user = await prisma.user.upsert({ where: { email }, create: { email, name: email.split("@")[0] ?? email, role }, update: { role } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** The cluster API as that user: their real RBAC, quota and admission, in-process. */
export function clusterAs(api: ClusterApi, user: PlatformUser): InProcessClient {
  return new InProcessClient((request) => api.serve(request), userInfoFor(user));
}

/** The error a call fails with, or undefined when it succeeds. */
export async function failure(promise: Promise<unknown>): Promise<(Error & { code?: number; reason?: string }) | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return error;
  }
}
