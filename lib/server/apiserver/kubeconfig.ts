import { stringify } from "yaml";

export type KubeconfigInput = {
  server: string;
  caPem: string;
  token: string;
  /** Names the cluster, user and context entries (e.g. "kubeclass"). */
  clusterName: string;
  userName: string;
  namespace?: string;
};

/** A kubeconfig real kubectl can use as is: the server, our CA (so TLS verifies), a bearer token, a context. */
export function buildKubeconfig(input: KubeconfigInput): string {
  const context = `${input.userName}@${input.clusterName}`;
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: input.clusterName,
        cluster: { server: input.server, "certificate-authority-data": Buffer.from(input.caPem).toString("base64") },
      },
    ],
    users: [{ name: input.userName, user: { token: input.token } }],
    contexts: [
      {
        name: context,
        context: { cluster: input.clusterName, user: input.userName, ...(input.namespace ? { namespace: input.namespace } : {}) },
      },
    ],
    "current-context": context,
    preferences: {},
  });
}
