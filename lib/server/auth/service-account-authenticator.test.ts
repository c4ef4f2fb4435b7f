import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ServiceAccountClaims } from "@/lib/cluster/auth/service-account-token";
import type { KubeObject } from "@/lib/cluster/store/object-store";
import { createServiceAccountAuthenticator } from "./service-account-authenticator";
import { createServiceAccountJwt, looksLikeJwt } from "./service-account-jwt";

function newKey() {
  const pair = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  return {
    privateKeyPem: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

const T0 = 1_800_000_000;
const jwt = createServiceAccountJwt(newKey());

function claims(overrides: Partial<ServiceAccountClaims> = {}, bound: Partial<ServiceAccountClaims["kubernetes.io"]> = {}): ServiceAccountClaims {
  return {
    iss: jwt.issuer,
    sub: "system:serviceaccount:team:bot",
    aud: jwt.audiences,
    exp: T0 + 600,
    iat: T0,
    nbf: T0,
    jti: "jti-1",
    "kubernetes.io": { namespace: "team", serviceaccount: { name: "bot", uid: "sa-uid" }, ...bound },
    ...overrides,
  };
}

describe("service account JWTs", () => {
  it("verify only while valid: not before nbf, not at or after exp", async () => {
    const token = await jwt.sign(claims());
    expect(looksLikeJwt(token)).toBe(true);
    expect(jwt.verify(token, T0)).toEqual(claims());
    expect(jwt.verify(token, T0 + 599)).toBeDefined();
    expect(jwt.verify(token, T0 + 600)).toBeUndefined();
    expect(jwt.verify(token, T0 - 1)).toBeUndefined();
  });

  it("refuse another key's signature, another issuer, other audiences, and unsigned tokens", async () => {
    const other = createServiceAccountJwt(newKey());
    expect(jwt.verify(await other.sign(claims()), T0)).toBeUndefined();
    expect(jwt.verify(await jwt.sign(claims({ iss: "https://elsewhere" })), T0)).toBeUndefined();
    expect(jwt.verify(await jwt.sign(claims({ aud: ["vault"] })), T0)).toBeUndefined();
    expect(jwt.verify(await jwt.sign(claims({ aud: ["vault", jwt.issuer] })), T0)).toBeDefined();
    const [, payload] = (await jwt.sign(claims())).split(".");
    const none = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${payload}.`;
    expect(jwt.verify(none, T0)).toBeUndefined();
    expect(jwt.verify("a.b.c", T0)).toBeUndefined();
  });
});

describe("the service account authenticator", () => {
  const objects = new Map<string, KubeObject>();
  const put = (resource: string, name: string, uid: string, deletionTimestamp?: string) =>
    objects.set(`${resource}/${name}`, { metadata: { name, namespace: "team", uid, ...(deletionTimestamp ? { deletionTimestamp } : {}) } });
  let now = T0 * 1000;
  const authenticate = createServiceAccountAuthenticator({
    jwt,
    lookup: (resource, namespace, name) => Promise.resolve(namespace === "team" ? objects.get(`${resource}/${name}`) : undefined),
    now: () => now,
  });

  it("authenticates as the account while it exists with the uid the token names", async () => {
    objects.clear();
    put("serviceaccounts", "bot", "sa-uid");
    const token = await jwt.sign(claims());
    expect(await authenticate(token)).toEqual({
      username: "system:serviceaccount:team:bot",
      uid: "sa-uid",
      groups: ["system:serviceaccounts", "system:serviceaccounts:team", "system:authenticated"],
      extra: { "authentication.kubernetes.io/credential-id": ["JTI=jti-1"] },
    });
    put("serviceaccounts", "bot", "recreated-uid");
    expect(await authenticate(token)).toBeUndefined();
    objects.clear();
    expect(await authenticate(token)).toBeUndefined();
  });

  it("refuses an expired token even though the account exists", async () => {
    objects.clear();
    put("serviceaccounts", "bot", "sa-uid");
    const token = await jwt.sign(claims());
    now = (T0 + 600) * 1000;
    expect(await authenticate(token)).toBeUndefined();
    now = T0 * 1000;
  });

  it("ties a pod-bound token to the pod, which may still be terminating for a minute", async () => {
    objects.clear();
    put("serviceaccounts", "bot", "sa-uid");
    put("pods", "web", "pod-uid");
    const token = await jwt.sign(claims({}, { pod: { name: "web", uid: "pod-uid" } }));
    expect((await authenticate(token))?.extra).toMatchObject({
      "authentication.kubernetes.io/pod-name": ["web"],
      "authentication.kubernetes.io/pod-uid": ["pod-uid"],
    });
    put("pods", "web", "pod-uid", new Date(now - 30_000).toISOString());
    expect(await authenticate(token)).toBeDefined();
    put("pods", "web", "pod-uid", new Date(now - 61_000).toISOString());
    expect(await authenticate(token)).toBeUndefined();
    objects.delete("pods/web");
    expect(await authenticate(token)).toBeUndefined();
  });
});
