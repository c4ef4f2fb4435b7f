import { serviceAccountUser } from "./subjects";
import type { UserInfo } from "./user-info";

/** The issuer (and default audience) of kubeadm clusters' service account tokens; kubectl users recognise it. */
export const DEFAULT_SERVICE_ACCOUNT_ISSUER = "https://kubernetes.default.svc.cluster.local";

type Ref = { name: string; uid: string };

/** What a bound service account token asserts: Kubernetes' JWT claims, private ones under `kubernetes.io`. */
export type ServiceAccountClaims = {
  iss: string;
  sub: string;
  aud: string[];
  /** Seconds since the epoch. */
  exp: number;
  iat: number;
  nbf: number;
  jti: string;
  "kubernetes.io": { namespace: string; serviceaccount: Ref; pod?: Ref; secret?: Ref };
};

/** Signs tokens for TokenRequest; the key lives with the server (lib/server), never in the pure core. */
export type ServiceAccountTokenIssuer = {
  issuer: string;
  /** The API server's own audiences: the default for a TokenRequest, and what a token must name to log in. */
  audiences: string[];
  /** Longer requests are shortened to this, with a warning (kube-apiserver's --service-account-max-token-expiration). */
  maxExpirationSeconds: number;
  sign(claims: ServiceAccountClaims): Promise<string>;
};

/** The user a valid token authenticates as, with the credential-id extra Kubernetes 1.29+ adds. */
export function userForClaims(claims: ServiceAccountClaims): UserInfo {
  const k = claims["kubernetes.io"];
  const user = serviceAccountUser(k.namespace, k.serviceaccount.name, k.serviceaccount.uid);
  const extra: Record<string, string[]> = {};
  if (claims.jti) extra["authentication.kubernetes.io/credential-id"] = [`JTI=${claims.jti}`];
  if (k.pod) {
    extra["authentication.kubernetes.io/pod-name"] = [k.pod.name];
    extra["authentication.kubernetes.io/pod-uid"] = [k.pod.uid];
  }
  return Object.keys(extra).length > 0 ? { ...user, extra } : user;
}

/** Whether a decoded JWT payload has the shape of our claims (a signed token of another shape is refused). */
export function isServiceAccountClaims(value: unknown): value is ServiceAccountClaims {
  if (typeof value !== "object" || value === null) return false;
  const c = value as Record<string, unknown>;
  const k = c["kubernetes.io"] as Record<string, unknown> | undefined;
  const isRef = (r: unknown) =>
    typeof r === "object" && r !== null && typeof (r as Ref).name === "string" && typeof (r as Ref).uid === "string";
  return (
    typeof c.iss === "string" &&
    typeof c.sub === "string" &&
    Array.isArray(c.aud) &&
    c.aud.every((a) => typeof a === "string") &&
    [c.exp, c.iat, c.nbf].every((n) => typeof n === "number" && Number.isFinite(n)) &&
    typeof c.jti === "string" &&
    typeof k === "object" &&
    k !== null &&
    typeof k.namespace === "string" &&
    isRef(k.serviceaccount) &&
    (k.pod === undefined || isRef(k.pod)) &&
    (k.secret === undefined || isRef(k.secret))
  );
}
