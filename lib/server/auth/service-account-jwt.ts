import { createHash, createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import {
  DEFAULT_SERVICE_ACCOUNT_ISSUER,
  isServiceAccountClaims,
  type ServiceAccountClaims,
  type ServiceAccountTokenIssuer,
} from "@/lib/cluster/auth/service-account-token";
import type { ServiceAccountKey } from "../apiserver/certificates";

/** Kubernetes' default for --service-account-max-token-expiration is none; kubeclass caps tokens at 48 hours. */
export const MAX_TOKEN_EXPIRATION_SECONDS = 48 * 60 * 60;

export type ServiceAccountJwt = ServiceAccountTokenIssuer & {
  /** The claims of a token this server signed that is valid at `nowSeconds` for one of its audiences. */
  verify(token: string, nowSeconds: number): ServiceAccountClaims | undefined;
};

export type ServiceAccountJwtOptions = { issuer?: string; audiences?: string[]; maxExpirationSeconds?: number };

const JWT = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/** Whether a bearer token has the shape of a JWT (API tokens start with `kc_` and have no dots). */
export const looksLikeJwt = (token: string) => JWT.test(token);

/**
 * Bound service account tokens as Kubernetes makes them: compact JWS, ES256 (the key is ECDSA P-256), `kid` the
 * base64url SHA-256 of the public key's DER as kube-apiserver computes it, and its claims. node:crypto only.
 */
export function createServiceAccountJwt(key: ServiceAccountKey, options: ServiceAccountJwtOptions = {}): ServiceAccountJwt {
  const issuer = options.issuer ?? DEFAULT_SERVICE_ACCOUNT_ISSUER;
  const audiences = options.audiences ?? [issuer];
  const privateKey = createPrivateKey(key.privateKeyPem);
  const publicKey = createPublicKey(key.publicKeyPem);
  const kid = createHash("sha256").update(publicKey.export({ type: "spki", format: "der" })).digest("base64url");
  const header = encode({ alg: "ES256", kid });
  return {
    issuer,
    audiences,
    maxExpirationSeconds: options.maxExpirationSeconds ?? MAX_TOKEN_EXPIRATION_SECONDS,
    sign(claims) {
      const signingInput = `${header}.${encode(claims)}`;
      const signature = sign("sha256", Buffer.from(signingInput), { key: privateKey, dsaEncoding: "ieee-p1363" });
      return Promise.resolve(`${signingInput}.${signature.toString("base64url")}`);
    },
    verify(token, nowSeconds) {
      const parts = JWT.exec(token);
      if (!parts) return undefined;
      const [, headerPart = "", payloadPart = "", signaturePart = ""] = parts;
      const head = decode(headerPart) as { alg?: unknown; kid?: unknown } | undefined;
      if (head?.alg !== "ES256" || (head.kid !== undefined && head.kid !== kid)) return undefined;
      const signature = Buffer.from(signaturePart, "base64url");
      const signed = Buffer.from(`${headerPart}.${payloadPart}`);
      if (signature.length !== 64 || !verify("sha256", signed, { key: publicKey, dsaEncoding: "ieee-p1363" }, signature)) return undefined;
      const claims = decode(payloadPart);
      if (!isServiceAccountClaims(claims) || claims.iss !== issuer) return undefined;
      if (claims.nbf > nowSeconds || claims.exp <= nowSeconds) return undefined;
      return claims.aud.some((a) => audiences.includes(a)) ? claims : undefined;
    },
  };
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function decode(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}
