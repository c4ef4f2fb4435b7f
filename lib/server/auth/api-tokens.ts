import { createHash, randomBytes } from "node:crypto";

// Bearer tokens for the cluster API (kubeconfigs). Only a SHA-256 of each token is stored: a stolen database
// yields no usable credentials. Tokens are long random strings, so a fast hash is the right tool here.

const PREFIX = "kc_";

export function generateToken(): string {
  return `${PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The token from an `Authorization: Bearer …` header, or undefined if there is none or it is malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  // Service account tokens (JWTs) run to a kilobyte or two; nothing legitimate comes near this bound.
  return token && token.length <= 16_384 ? token : undefined;
}
