import type { ApiRequest, ApiResponse } from "../cluster/api/api-request";

/**
 * What the terminal's kubectl talks to: the cluster API in-process, as the signed-in user (the session layer
 * fixes the user; kubectl cannot choose it), through the same authorise → admit → store path as HTTPS requests.
 * The kubeconfig itself is a file in the user's home directory ($KUBECONFIG or ~/.kube/config), read and
 * written by `kubectl config`, kubens and kubectx as real kubectl does.
 */
export type KubectlDeps = {
  /** Sends a request as the signed-in user. `accept` asks for Tables like real kubectl (`as=Table;v=v1;g=meta.k8s.io`). */
  serve(request: Omit<ApiRequest, "user">): Promise<ApiResponse>;
  /** The API server's URL as a downloaded kubeconfig names it (cluster-info, config view). */
  serverUrl: string;
  /** The client version `kubectl version` reports (the real kubectl the parity suite compares with). */
  clientVersion: { major: string; minor: string; gitVersion: string };
};
