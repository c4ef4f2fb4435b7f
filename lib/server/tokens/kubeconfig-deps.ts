import { ensureServingMaterial } from "../apiserver/certificates";
import { apiHost } from "../apiserver/start-api-server";
import { prisma } from "../db/prisma";
import { env } from "../env";
import type { KubeconfigDeps } from "./issue-kubeconfig";

/** What the web process hands issueKubeconfig: its own database, the API's public address and CA. */
export async function kubeconfigDeps(): Promise<KubeconfigDeps> {
  const config = env();
  // The API server in this process made (or loaded) the same material at start; this reads it back.
  const { caPem } = await ensureServingMaterial(config.DATA_DIR, [apiHost()]);
  return {
    prisma: prisma(),
    server: `https://${apiHost()}:${config.API_PORT}`,
    caPem,
    now: () => new Date(),
    tokenDays: config.KUBECONFIG_TOKEN_DAYS,
  };
}
