import { describe, expect, it } from "vitest";
import { useRawApi } from "../../support/raw-api";
import type { RawResponse } from "../../support/raw-https";
import { parseStatus, statusBodyProblems } from "../../support/status-body";

// ServiceAccounts over real HTTPS: default accounts, TokenRequest (serviceaccounts/token) issuing signed JWTs
// that log in as the account until it is deleted or recreated, and SelfSubjectReview (`kubectl auth whoami`).

const ns = "sa-tokens";
const raw = useRawApi({ adminEmail: "admin@sa.test", namespace: ns });
const send = raw.send;

type Meta = { metadata: { name: string; namespace: string; uid: string } };
type TokenRequest = Meta & { spec: { audiences: string[]; expirationSeconds: number }; status: { token: string; expirationTimestamp: string } };
type Review = { status: { userInfo: Record<string, unknown> } };
type Claims = { iss: string; sub: string; aud: string[]; exp: number; iat: number; jti: string; "kubernetes.io": unknown };
type ResourceList = { resources: { name: string; kind: string; group?: string; version?: string; verbs: string[]; namespaced: boolean }[] };
const json = <T = Record<string, unknown>>(res: RawResponse) => JSON.parse(res.text) as T;
const tokenPath = (name: string, namespace = ns) => `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`;
const serviceAccount = (name: string) => ({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name } });
const whoami = (token: string) =>
  send("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", { token, body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" } });

function jwtParts(token: string): { header: Record<string, unknown>; payload: Claims } {
  const [header = "", payload = ""] = token.split(".");
  const decode = (part: string): unknown => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  return { header: decode(header) as Record<string, unknown>, payload: decode(payload) as Claims };
}

async function issue(name: string, spec: Record<string, unknown> = {}): Promise<{ res: RawResponse; token: string }> {
  const res = await send("POST", tokenPath(name), { body: { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec } });
  return { res, token: res.status === 201 ? json<TokenRequest>(res).status.token : "" };
}

describe("default ServiceAccounts", () => {
  it("exist in the system namespaces and in every namespace created, by POST or server-side apply", async () => {
    expect((await send("GET", "/api/v1/namespaces/default/serviceaccounts/default")).status).toBe(200);
    expect((await send("GET", "/api/v1/namespaces/kube-system/serviceaccounts/default")).status).toBe(200);
    expect(json<Meta>(await send("GET", `/api/v1/namespaces/${ns}/serviceaccounts/default`)).metadata.namespace).toBe(ns);
    const applied = await send("PATCH", "/api/v1/namespaces/sa-applied?fieldManager=test", {
      contentType: "application/apply-patch+yaml",
      body: { apiVersion: "v1", kind: "Namespace", metadata: { name: "sa-applied" } },
    });
    // Kubernetes answers 201 to an apply that creates; the patch path (not this suite's subject) may say 200.
    expect([200, 201]).toContain(applied.status);
    expect((await send("GET", "/api/v1/namespaces/sa-applied/serviceaccounts/default")).status).toBe(200);
  });
});

describe("TokenRequest (serviceaccounts/token)", () => {
  it("answers 404 for an account that does not exist and 422 for lifetimes under ten minutes", async () => {
    const missing = await issue("ghost");
    expect(missing.res.status).toBe(404);
    expect(parseStatus(missing.res.text).message).toBe('serviceaccounts "ghost" not found');
    expect((await send("POST", `/api/v1/namespaces/${ns}/serviceaccounts`, { body: serviceAccount("short") })).status).toBe(201);
    const short = await issue("short", { expirationSeconds: 300 });
    expect(short.res.status).toBe(422);
    expect(statusBodyProblems(422, short.res.text)).toEqual([]);
    expect(parseStatus(short.res.text).message).toBe(
      'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes',
    );
    const wrongName = await send("POST", tokenPath("short"), { body: { kind: "TokenRequest", metadata: { name: "other" } } });
    expect(wrongName.status).toBe(422);
    expect(parseStatus(wrongName.text).message).toBe(
      'TokenRequest.authentication.k8s.io "short" is invalid: metadata.name: Invalid value: "other": must match the service account name if specified',
    );
  });

  it("issues an ES256 JWT with Kubernetes' claims that logs in as the ServiceAccount", async () => {
    const account = json<Meta>(await send("POST", `/api/v1/namespaces/${ns}/serviceaccounts`, { body: serviceAccount("bot") }));
    const { res, token } = await issue("bot");
    expect(res.status).toBe(201);
    const body = json<TokenRequest>(res);
    expect(body).toMatchObject({
      kind: "TokenRequest",
      apiVersion: "authentication.k8s.io/v1",
      metadata: { name: "bot", namespace: ns },
      spec: { audiences: ["https://kubernetes.default.svc.cluster.local"], expirationSeconds: 3600, boundObjectRef: null },
    });
    const { header, payload } = jwtParts(token);
    expect(header).toMatchObject({ alg: "ES256" });
    expect(payload).toMatchObject({
      iss: "https://kubernetes.default.svc.cluster.local",
      sub: `system:serviceaccount:${ns}:bot`,
      aud: ["https://kubernetes.default.svc.cluster.local"],
      "kubernetes.io": { namespace: ns, serviceaccount: { name: "bot", uid: account.metadata.uid } },
    });
    expect(payload.exp - payload.iat).toBe(3600);
    expect(Date.parse(body.status.expirationTimestamp) / 1000).toBeCloseTo(payload.exp, -1);

    const review = await whoami(token);
    expect(review.status).toBe(201);
    expect(json<Review>(review).status.userInfo).toEqual({
      username: `system:serviceaccount:${ns}:bot`,
      uid: account.metadata.uid,
      groups: ["system:serviceaccounts", `system:serviceaccounts:${ns}`, "system:authenticated"],
      extra: { "authentication.kubernetes.io/credential-id": [`JTI=${payload.jti}`] },
    });

    // RBAC sees the account: nothing until a RoleBinding names it.
    const denied = await send("GET", `/api/v1/namespaces/${ns}/pods`, { token });
    expect(denied.status).toBe(403);
    expect(parseStatus(denied.text).message).toBe(
      `pods is forbidden: User "system:serviceaccount:${ns}:bot" cannot list resource "pods" in API group "" in the namespace "${ns}"`,
    );
    const binding = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "bot-view" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
      subjects: [{ kind: "ServiceAccount", name: "bot", namespace: ns }],
    };
    expect((await send("POST", `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`, { body: binding })).status).toBe(201);
    expect((await send("GET", `/api/v1/namespaces/${ns}/pods`, { token })).status).toBe(200);
  });

  it("stops working once the ServiceAccount is deleted, and stays refused when it is recreated", async () => {
    expect((await send("POST", `/api/v1/namespaces/${ns}/serviceaccounts`, { body: serviceAccount("temp") })).status).toBe(201);
    const { token } = await issue("temp");
    expect((await whoami(token)).status).toBe(201);
    expect((await send("DELETE", `/api/v1/namespaces/${ns}/serviceaccounts/temp`)).status).toBe(200);
    const gone = await whoami(token);
    expect(gone.status).toBe(401);
    expect(parseStatus(gone.text).reason).toBe("Unauthorized");
    expect((await send("POST", `/api/v1/namespaces/${ns}/serviceaccounts`, { body: serviceAccount("temp") })).status).toBe(201);
    expect((await whoami(token)).status).toBe(401);
    expect((await whoami((await issue("temp")).token)).status).toBe(201);
  });

  it("refuses tampered tokens and tokens for another audience", async () => {
    expect((await send("POST", `/api/v1/namespaces/${ns}/serviceaccounts`, { body: serviceAccount("aud") })).status).toBe(201);
    const { token } = await issue("aud");
    const [h, p, s] = token.split(".");
    const claims = JSON.parse(Buffer.from(p ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: "system:serviceaccount:kube-system:default" })).toString("base64url")}.${s}`;
    expect((await whoami(forged)).status).toBe(401);
    const other = await issue("aud", { audiences: ["vault"] });
    expect(jwtParts(other.token).payload.aud).toEqual(["vault"]);
    expect((await whoami(other.token)).status).toBe(401);
  });

  it("binds a token to a Pod: the token names it, and stops working when the pod is gone", async () => {
    const account = json<Meta>(await send("POST", `/api/v1/namespaces/${ns}/serviceaccounts`, { body: serviceAccount("runner") }));
    const podBody = { apiVersion: "v1", kind: "Pod", metadata: { name: "job" }, spec: { serviceAccountName: "runner", containers: [{ name: "c", image: "busybox" }] } };
    const pod = json<Meta>(await send("POST", `/api/v1/namespaces/${ns}/pods`, { body: podBody }));
    const ref = { apiVersion: "v1", kind: "Pod", name: "job", uid: pod.metadata.uid };
    const { res, token } = await issue("runner", { boundObjectRef: ref });
    expect(res.status).toBe(201);
    expect(jwtParts(token).payload["kubernetes.io"]).toEqual({
      namespace: ns,
      serviceaccount: { name: "runner", uid: account.metadata.uid },
      pod: { name: "job", uid: pod.metadata.uid },
    });
    expect(json<Review>(await whoami(token)).status.userInfo.extra).toMatchObject({
      "authentication.kubernetes.io/pod-name": ["job"],
      "authentication.kubernetes.io/pod-uid": [pod.metadata.uid],
    });

    const stale = await issue("runner", { boundObjectRef: { ...ref, uid: "0000" } });
    expect(stale.res.status).toBe(409);
    expect(parseStatus(stale.res.text).message).toBe(
      'Operation cannot be fulfilled on Pod "job": the UID in the bound object reference (0000) does not match the UID in record. The object might have been deleted and then recreated',
    );
    const otherAccount = await issue("default", { boundObjectRef: ref });
    expect(otherAccount.res.status).toBe(400);
    expect(parseStatus(otherAccount.res.text).message).toBe('cannot bind token for serviceaccount "default" to pod running with different serviceaccount name.');
    const configMap = await issue("runner", { boundObjectRef: { apiVersion: "v1", kind: "ConfigMap", name: "x" } });
    expect(configMap.res.status).toBe(400);
    expect(parseStatus(configMap.res.text).message).toBe("cannot bind token to object of type /v1, Kind=ConfigMap");

    expect((await send("DELETE", `/api/v1/namespaces/${ns}/pods/job`)).status).toBe(200);
    expect((await whoami(token)).status).toBe(401);
  });

  it("shortens lifetimes over the 48 hour maximum, with Kubernetes' warning", async () => {
    expect((await send("POST", `/api/v1/namespaces/${ns}/serviceaccounts`, { body: serviceAccount("long") })).status).toBe(201);
    const { res, token } = await issue("long", { expirationSeconds: 200_000 });
    expect(res.status).toBe(201);
    expect(res.headers.warning).toBe('299 - "requested expiration of 200000 seconds shortened to 172800 seconds"');
    expect(json<TokenRequest>(res).spec.expirationSeconds).toBe(172_800);
    const { payload } = jwtParts(token);
    expect(payload.exp - payload.iat).toBe(172_800);
  });

  it("is allowed to users with create on serviceaccounts/token in the namespace, and nowhere else", async () => {
    expect((await send("POST", "/api/v1/namespaces", { body: { apiVersion: "v1", kind: "Namespace", metadata: { name: "sa-other" } } })).status).toBe(201);
    const learner = await raw.server.user("learner@sa.test", "LEARNER");
    const binding = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "learner-edit" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
      subjects: [{ kind: "User", name: learner.email }],
    };
    expect((await send("POST", `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`, { body: binding })).status).toBe(201);
    const body = { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: {} };
    expect((await send("POST", tokenPath("default"), { token: learner.token, body })).status).toBe(201);
    const denied = await send("POST", tokenPath("default", "sa-other"), { token: learner.token, body });
    expect(denied.status).toBe(403);
    expect(parseStatus(denied.text).message).toBe(
      'serviceaccounts "default" is forbidden: User "learner@sa.test" cannot create resource "serviceaccounts/token" in API group "" in the namespace "sa-other"',
    );
  });
});

describe("SelfSubjectReview (kubectl auth whoami)", () => {
  it("tells a platform user who they are, and is listed in discovery", async () => {
    const review = await whoami(raw.admin.token);
    expect(review.status).toBe(201);
    expect(json(review)).toMatchObject({
      kind: "SelfSubjectReview",
      apiVersion: "authentication.k8s.io/v1",
      status: { userInfo: { username: "admin@sa.test", groups: ["system:masters", "system:authenticated"] } },
    });
    const resources = json<ResourceList>(await send("GET", "/apis/authentication.k8s.io/v1"));
    expect(resources.resources).toContainEqual(expect.objectContaining({ name: "selfsubjectreviews", kind: "SelfSubjectReview", verbs: ["create"], namespaced: false }));
    const core = json<ResourceList>(await send("GET", "/api/v1")).resources;
    expect(core).toContainEqual(expect.objectContaining({ name: "serviceaccounts/token", group: "authentication.k8s.io", version: "v1", kind: "TokenRequest", verbs: ["create"] }));
    expect(core).toContainEqual(expect.objectContaining({ name: "pods/eviction", group: "policy", version: "v1", kind: "Eviction", verbs: ["create"] }));
  });
});
