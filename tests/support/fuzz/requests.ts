import { randomBody } from "./bodies";
import { randomPath } from "./paths";
import { randomQuery, type QueryContext } from "./queries";
import type { Rng } from "./rng";

export type FuzzRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Bearer token to send, if any (the Authorization header may also be set directly in headers). */
  token?: string;
  body?: string | Uint8Array;
  /** How it was generated, e.g. "PATCH resource:deployments json-patch": groups failures by cause. */
  label: string;
};

export type FuzzIdentities = { admin: string; learner: string };

const methods: [number, string][] = [
  [30, "GET"],
  [20, "POST"],
  [12, "PUT"],
  [15, "PATCH"],
  [12, "DELETE"],
  [3, "HEAD"],
  [2, "OPTIONS"],
  [1, "TRACE"],
  [1, "PROPFIND"],
  [1, "SEARCH"],
  [1, "PURGE"],
];

const accepts = [
  "application/json",
  "application/json;as=Table;v=v1;g=meta.k8s.io",
  "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json",
  "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json",
  "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io",
  "application/json;as=Table;v=v9;g=nope",
  "application/yaml",
  "*/*",
  "text/html",
  "application/xml",
  ";;",
  "application/json, */*;q=0.1",
];

// Node's HTTP client refuses to send a request target longer than the server's header limit would allow anyway;
// keep well under Node's 16 KiB so every request reaches the API code.
const MAX_TARGET = 12_000;

export function randomRequest(rng: Rng, ctx: QueryContext, ids: FuzzIdentities): FuzzRequest {
  const method = rng.weighted(methods);
  const target = randomPath(rng, method);
  let path = `${target.path}${randomQuery(rng, ctx, method)}`;
  if (path.length > MAX_TARGET) path = path.slice(0, MAX_TARGET);

  const headers: Record<string, string> = {};
  const who = rng.weighted<() => { token?: string; label: string }>([
    [85, () => ({ token: ids.admin, label: "admin" })],
    [6, () => ({ token: ids.learner, label: "learner" })],
    [3, () => ({ label: "anonymous" })],
    [3, () => ({ token: rng.pick(["garbage", "kc_", "", "x".repeat(5_000), "kc_\u00e9"]).replace(/[^\x20-\x7e]/g, "?"), label: "bad-token" })],
    [3, () => ((headers.authorization = rng.pick(["Bearer", `bearer ${ids.admin}`, `Basic ${ids.admin}`, `Bearer  ${ids.admin}`, "Bearer a b"])), { label: "odd-authorization" })],
  ])();
  if (rng.chance(0.4)) headers.accept = rng.pick(accepts);

  const wantsBody = method === "POST" || method === "PUT" || method === "PATCH" ? rng.chance(0.95) : method === "DELETE" ? rng.chance(0.25) : rng.chance(0.03);
  let bodyLabel = "no-body";
  let body: string | Uint8Array | undefined;
  if (wantsBody) {
    const generated = randomBody(rng, { resource: target.resource, name: target.name, namespace: target.namespace });
    body = generated.body;
    bodyLabel = generated.label;
    if (generated.contentType !== undefined && rng.chance(0.97)) headers["content-type"] = generated.contentType;
  }
  return {
    method,
    path,
    headers,
    ...(who.token !== undefined ? { token: who.token } : {}),
    ...(body !== undefined ? { body } : {}),
    label: `${method} ${target.label} ${bodyLabel} as ${who.label}`,
  };
}
