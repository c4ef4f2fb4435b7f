/** ConfigMaps, Secrets, Namespaces and ServiceAccounts as `kubectl create` builds them. */
import type { JsonObject } from "../../../cluster/api/patch/json-value";
import { GeneratorError } from "./generator-error";

const base64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const meta = (name: string, namespace?: string): JsonObject => ({ name, ...(namespace ? { namespace } : {}) });

export function configMapObject(name: string, data: Map<string, string>, namespace?: string): JsonObject {
  const object: JsonObject = { kind: "ConfigMap", apiVersion: "v1", metadata: meta(name, namespace) };
  if (data.size > 0) object.data = Object.fromEntries(data);
  return object;
}

export function secretObject(name: string, type: string, data: Map<string, string>, namespace?: string): JsonObject {
  const object: JsonObject = { kind: "Secret", apiVersion: "v1", metadata: meta(name, namespace) };
  if (data.size > 0) object.data = Object.fromEntries([...data].map(([key, value]) => [key, base64(value)]));
  if (type) object.type = type;
  return object;
}

export function tlsSecretObject(name: string, cert: string, key: string, namespace?: string): JsonObject {
  if (!/-----BEGIN [A-Z ]*CERTIFICATE-----/.test(cert)) throw new GeneratorError("failed to load key pair tls: failed to find any PEM data in certificate input");
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(key)) throw new GeneratorError("failed to load key pair tls: failed to find any PEM data in key input");
  return secretObject(name, "kubernetes.io/tls", new Map([["tls.crt", cert], ["tls.key", key]]), namespace);
}

export type DockerRegistryOptions = { server: string; username: string; password: string; email: string };

/** The `.dockerconfigjson` kubectl writes: Go's struct order, empty fields left out. */
export function dockerRegistrySecretObject(name: string, o: DockerRegistryOptions, namespace?: string): JsonObject {
  const entry: Record<string, string> = {};
  if (o.username) entry.username = o.username;
  if (o.password) entry.password = o.password;
  if (o.email) entry.email = o.email;
  entry.auth = base64(`${o.username}:${o.password}`);
  const config = JSON.stringify({ auths: { [o.server]: entry } });
  return secretObject(name, "kubernetes.io/dockerconfigjson", new Map([[".dockerconfigjson", config]]), namespace);
}

export function namespaceObject(name: string): JsonObject {
  return { kind: "Namespace", apiVersion: "v1", metadata: { name }, spec: {}, status: {} };
}

export function serviceAccountObject(name: string, namespace?: string): JsonObject {
  return { kind: "ServiceAccount", apiVersion: "v1", metadata: meta(name, namespace) };
}

export function tokenRequestObject(expirationSeconds?: number, audiences: string[] = []): JsonObject {
  const spec: JsonObject = {};
  if (audiences.length > 0) spec.audiences = audiences;
  if (expirationSeconds !== undefined) spec.expirationSeconds = expirationSeconds;
  return { kind: "TokenRequest", apiVersion: "authentication.k8s.io/v1", metadata: {}, spec, status: { token: "", expirationTimestamp: null } };
}
