import { userForClaims } from "@/lib/cluster/auth/service-account-token";
import type { UserInfo } from "@/lib/cluster/auth/user-info";
import type { KubeObject } from "@/lib/cluster/store/object-store";
import type { ServiceAccountJwt } from "./service-account-jwt";

/** Reads one object of the cluster (core group) by resource, namespace and name. */
export type ObjectLookup = (resource: "serviceaccounts" | "pods" | "secrets", namespace: string, name: string) => Promise<KubeObject | undefined>;

export type ServiceAccountAuthenticatorOptions = { jwt: ServiceAccountJwt; lookup: ObjectLookup; now?: () => number };

/** How long an object being deleted still vouches for its tokens, as in kube-apiserver. */
const DELETION_GRACE_MS = 60_000;

/**
 * Bound service account token → the ServiceAccount's user, as kube-apiserver's service account authenticator
 * decides: the signature, issuer, audience and lifetime must hold, and the ServiceAccount (and the Pod or Secret
 * the token is bound to) must still exist with the uid the token names, so deleting or recreating it revokes it.
 */
export function createServiceAccountAuthenticator(options: ServiceAccountAuthenticatorOptions) {
  const now = options.now ?? Date.now;
  return async (token: string): Promise<UserInfo | undefined> => {
    const at = now();
    const claims = options.jwt.verify(token, Math.floor(at / 1000));
    if (!claims) return undefined;
    const k = claims["kubernetes.io"];
    const stillThere = async (resource: "serviceaccounts" | "pods" | "secrets", ref: { name: string; uid: string }) => {
      const object = await options.lookup(resource, k.namespace, ref.name);
      if (!object || object.metadata.uid !== ref.uid) return false;
      const deleted = object.metadata.deletionTimestamp;
      return !(typeof deleted === "string" && Date.parse(deleted) < at - DELETION_GRACE_MS);
    };
    if (!(await stillThere("serviceaccounts", k.serviceaccount))) return undefined;
    if (k.pod && !(await stillThere("pods", k.pod))) return undefined;
    if (k.secret && !(await stillThere("secrets", k.secret))) return undefined;
    return userForClaims(claims);
  };
}
