import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPrivateKey, createPublicKey, sign, verify, X509Certificate } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { ensureServiceAccountKey, ensureServingMaterial } from "@/lib/server/apiserver/certificates";

// The API's CA and serving certificate: made once, kept in DATA_DIR/pki, re-issued only when they no longer fit.
const dir = mkdtempSync(join(tmpdir(), "kubeclass-pki-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("serving material", () => {
  it("issues a CA and a serving certificate for localhost and the configured host, signed by that CA", async () => {
    const material = await ensureServingMaterial(dir, ["kubeclass.example.org"]);
    const ca = new X509Certificate(material.caPem);
    const cert = new X509Certificate(material.certPem);
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkHost("kubeclass.example.org")).toBe("kubeclass.example.org");
    expect(cert.checkHost("localhost")).toBe("localhost");
    expect(cert.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(cert.checkHost("evil.example.org")).toBeUndefined();
    expect(statSync(join(dir, "pki", "ca.key")).mode & 0o777).toBe(0o600);
  });

  it("keeps the same CA across restarts, so handed-out kubeconfigs stay valid", async () => {
    const first = await ensureServingMaterial(dir, ["kubeclass.example.org"]);
    const second = await ensureServingMaterial(dir, ["kubeclass.example.org"]);
    expect(second.caPem).toBe(first.caPem);
    expect(second.certPem).toBe(first.certPem);
  });

  it("re-issues only the serving certificate when a new host name is configured", async () => {
    const before = await ensureServingMaterial(dir, ["kubeclass.example.org"]);
    const after = await ensureServingMaterial(dir, ["class.school.example"]);
    expect(after.caPem).toBe(before.caPem);
    expect(after.certPem).not.toBe(before.certPem);
    expect(new X509Certificate(after.certPem).checkHost("class.school.example")).toBe("class.school.example");
  });

  it("replaces a damaged serving certificate instead of failing to start", async () => {
    writeFileSync(join(dir, "pki", "apiserver.crt"), "not a certificate");
    const material = await ensureServingMaterial(dir, ["class.school.example"]);
    expect(new X509Certificate(material.certPem).verify(new X509Certificate(material.caPem).publicKey)).toBe(true);
    // openssl agrees the chain is good (what curl and kubectl rely on).
    writeFileSync(join(dir, "ca.pem"), material.caPem);
    writeFileSync(join(dir, "cert.pem"), material.certPem);
    expect(execFileSync("openssl", ["verify", "-CAfile", join(dir, "ca.pem"), join(dir, "cert.pem")]).toString()).toContain(": OK");
  });
});

describe("service account signing key", () => {
  it("is an ECDSA P-256 pair kept next to the CA (sa.key private, sa.pub public) and reused across restarts", async () => {
    const first = await ensureServiceAccountKey(dir);
    const second = await ensureServiceAccountKey(dir);
    expect(second).toEqual(first);
    expect(statSync(join(dir, "pki", "sa.key")).mode & 0o777).toBe(0o600);
    const privateKey = createPrivateKey(first.privateKeyPem);
    expect(privateKey.asymmetricKeyType).toBe("ec");
    expect(privateKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
    const signature = sign("sha256", Buffer.from("x"), privateKey);
    expect(verify("sha256", Buffer.from("x"), createPublicKey(first.publicKeyPem), signature)).toBe(true);
  });
});
