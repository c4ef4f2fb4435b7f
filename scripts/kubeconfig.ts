/**
 * Prints a kubeconfig for a platform user, so an operator can use real kubectl at once:
 *   npm run --silent kubeconfig -- admin@kubeclass.local > admin.kubeconfig
 *   KUBECONFIG=admin.kubeconfig kubectl get namespaces
 * Each run issues a new token (named "kubeconfig <date>"); options: --namespace NS, --expires-days N.
 */
import { parseArgs } from "node:util";
import { ensureServingMaterial } from "@/lib/server/apiserver/certificates";
import { buildKubeconfig } from "@/lib/server/apiserver/kubeconfig";
import { apiHost } from "@/lib/server/apiserver/start-api-server";
import { issueApiToken } from "@/lib/server/auth/token-authenticator";
import { disconnectPrisma, prisma } from "@/lib/server/db/prisma";
import { env } from "@/lib/server/env";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { namespace: { type: "string", short: "n" }, "expires-days": { type: "string" } },
});
const email = positionals[0]?.toLowerCase();
if (!email) {
  console.error("usage: npm run --silent kubeconfig -- <email> [--namespace NS] [--expires-days N]");
  process.exit(2);
}
const user = await prisma().user.findUnique({ where: { email } });
if (!user) {
  console.error(`kubeconfig: no user ${email} (run \`npm run db:seed\` for the demo accounts)`);
  await disconnectPrisma();
  process.exit(1);
}
const days = values["expires-days"] ? Number(values["expires-days"]) : undefined;
if (days !== undefined && !(days > 0)) {
  console.error("kubeconfig: --expires-days must be a positive number");
  process.exit(2);
}
const config = env();
const { caPem } = await ensureServingMaterial(config.DATA_DIR, [apiHost()]);
const { token } = await issueApiToken(
  prisma(),
  user.id,
  `kubeconfig ${new Date().toISOString().slice(0, 10)}`,
  days ? new Date(Date.now() + days * 86_400_000) : undefined,
);
process.stdout.write(
  buildKubeconfig({
    server: `https://${apiHost()}:${config.API_PORT}`,
    caPem,
    token,
    clusterName: "kubeclass",
    userName: user.email,
    ...(values.namespace ? { namespace: values.namespace } : {}),
  }),
);
await disconnectPrisma();
