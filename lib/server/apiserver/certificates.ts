import "reflect-metadata";
import { createPrivateKey, createPublicKey, generateKeyPairSync, webcrypto } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { isIP } from "node:net";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";

// The API serves HTTPS only: kubectl sends bearer tokens over TLS and never over plain http. A private CA is
// made at first start and kept in DATA_DIR/pki, so kubeconfigs handed out stay valid across restarts.

const crypto = webcrypto as unknown as Crypto;
x509.cryptoProvider.set(crypto);

const algorithm = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const DAY = 24 * 60 * 60 * 1000;

export type ServingMaterial = { caPem: string; certPem: string; keyPem: string };

type Pair = { certPem: string; keyPem: string };

export async function ensureServingMaterial(dataDir: string, hosts: string[], now = new Date()): Promise<ServingMaterial> {
  const dir = join(dataDir, "pki");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ca = (await readPair(dir, "ca")) ?? (await writePair(dir, "ca", await createCa(now)));
  const wanted = [...new Set(["localhost", "127.0.0.1", "::1", ...hosts])].sort();
  let serving = await readPair(dir, "apiserver");
  if (!serving || !(await servingCertFits(serving.certPem, ca.certPem, wanted, now))) {
    serving = await writePair(dir, "apiserver", await createServingCert(ca, wanted, now));
  }
  return { caPem: ca.certPem, certPem: serving.certPem, keyPem: serving.keyPem };
}

export type ServiceAccountKey = { privateKeyPem: string; publicKeyPem: string };

/**
 * The key that signs service account tokens (TokenRequest), like kubeadm's pki/sa.key and sa.pub: made at first
 * start and kept, so tokens handed out stay valid across restarts. ECDSA P-256, for ES256 JWTs.
 */
export async function ensureServiceAccountKey(dataDir: string): Promise<ServiceAccountKey> {
  const dir = join(dataDir, "pki");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const keyFile = join(dir, "sa.key");
  let privateKeyPem = await readFile(keyFile, "utf8").catch(() => undefined);
  if (privateKeyPem === undefined) {
    const pair = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
    privateKeyPem = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    await writeFile(keyFile, privateKeyPem, { mode: 0o600 });
  }
  const publicKeyPem = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: "spki", format: "pem" }).toString();
  // Published for whoever verifies tokens outside the API server (as kubeadm's sa.pub).
  await writeFile(join(dir, "sa.pub"), publicKeyPem, { mode: 0o644 });
  return { privateKeyPem, publicKeyPem };
}

async function createCa(now: Date): Promise<Pair> {
  const keys = await crypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: "CN=kubeclass-ca",
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 3650 * DAY),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString("pem"), keyPem: await exportKey(keys.privateKey) };
}

async function createServingCert(ca: Pair, hosts: string[], now: Date): Promise<Pair> {
  const caCert = new x509.X509Certificate(ca.certPem);
  const caKey = await importKey(ca.keyPem);
  const keys = await crypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  const cert = await x509.X509CertificateGenerator.create({
    subject: "CN=kubeclass-apiserver",
    issuer: caCert.subject,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + 825 * DAY),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(
        hosts.map((host) => (isIP(host) ? { type: "ip" as const, value: host } : { type: "dns" as const, value: host })),
      ),
    ],
  });
  return { certPem: cert.toString("pem"), keyPem: await exportKey(keys.privateKey) };
}

/** Re-issue when the cert is near its end, was signed by another CA, or does not cover every wanted host. */
async function servingCertFits(certPem: string, caPem: string, wanted: string[], now: Date): Promise<boolean> {
  try {
    const cert = new x509.X509Certificate(certPem);
    if (cert.notAfter.getTime() - now.getTime() < 30 * DAY) return false;
    if (!(await cert.verify({ publicKey: await new x509.X509Certificate(caPem).publicKey.export(algorithm, ["verify"]), signatureOnly: true }))) {
      return false;
    }
    const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
    const have = new Set((san?.names.items ?? []).map((n) => n.value));
    return wanted.every((host) => have.has(host));
  } catch {
    return false;
  }
}

async function exportKey(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey("pkcs8", key));
  const body = der.toString("base64").replace(/(.{64})/g, "$1\n").trimEnd();
  return `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
}

async function importKey(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, ""), "base64");
  return crypto.subtle.importKey("pkcs8", der, algorithm, false, ["sign"]);
}

async function readPair(dir: string, name: string): Promise<Pair | undefined> {
  try {
    return {
      certPem: await readFile(join(dir, `${name}.crt`), "utf8"),
      keyPem: await readFile(join(dir, `${name}.key`), "utf8"),
    };
  } catch {
    return undefined;
  }
}

async function writePair(dir: string, name: string, pair: Pair): Promise<Pair> {
  await writeFile(join(dir, `${name}.key`), pair.keyPem, { mode: 0o600 });
  await writeFile(join(dir, `${name}.crt`), pair.certPem, { mode: 0o644 });
  return pair;
}
