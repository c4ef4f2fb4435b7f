import type { ServiceAccountClaims, ServiceAccountTokenIssuer } from "../../auth/service-account-token";
import { serviceAccountUsername } from "../../auth/subjects";
import type { KubeObject } from "../../store/object-store";
import { ApiError, badRequest, invalid, type StatusCause } from "../status";
import type { ApiContext } from "./api-context";
import { getObject } from "./get-object";
import { timestamp } from "./object-lifecycle";
import type { Target } from "./target";

const GROUP = "authentication.k8s.io";
const KIND = "TokenRequest";
const DEFAULT_EXPIRATION_SECONDS = 60 * 60;
const MIN_EXPIRATION_SECONDS = 10 * 60;
const MAX_VALID_SECONDS = 2 ** 32;

type TokenRequestBody = {
  metadata?: { name?: unknown; namespace?: unknown; [k: string]: unknown };
  spec?: { audiences?: unknown; expirationSeconds?: unknown; boundObjectRef?: unknown };
};
type BoundObjectRef = { kind?: string; apiVersion?: string; name?: string; uid?: string };

/**
 * POST serviceaccounts/{name}/token (TokenRequest, `kubectl create token`): a signed, expiring token for the
 * ServiceAccount, optionally bound to a Pod or Secret, following kube-apiserver's TokenREST: the body must name
 * the same account, lifetimes under 10 minutes are invalid, longer than the server's maximum are shortened with a
 * warning. Like Kubernetes, a dry run still issues the token (TokenREST does not look at dryRun).
 */
export async function requestToken(
  ctx: ApiContext,
  target: Target,
  decoded: unknown,
  issuer: ServiceAccountTokenIssuer,
): Promise<{ object: unknown; warnings: string[] }> {
  const body = (typeof decoded === "object" && decoded !== null ? decoded : {}) as TokenRequestBody;
  const { name, namespace } = target;
  const meta = body.metadata ?? {};
  const mismatch = (field: "name" | "namespace", value: unknown, expected: string) => {
    if (typeof value === "string" && value !== "" && value !== expected) {
      const cause = { reason: "FieldValueInvalid", message: `Invalid value: ${JSON.stringify(value)}: must match the service account ${field} if specified`, field: `metadata.${field}` };
      throw invalid(KIND, GROUP, name, [cause]);
    }
  };
  mismatch("name", meta.name, name);
  mismatch("namespace", meta.namespace, namespace);

  const account = await getObject(ctx, { ...target, subresource: "" });
  const spec = body.spec ?? {};
  const audiences = stringList(spec.audiences, "spec.audiences") ?? issuer.audiences;
  let expirationSeconds = integer(spec.expirationSeconds, "spec.expirationSeconds") ?? DEFAULT_EXPIRATION_SECONDS;
  const now = ctx.clock.now();

  const causes: StatusCause[] = [];
  if (expirationSeconds < MIN_EXPIRATION_SECONDS) {
    causes.push({ reason: "FieldValueInvalid", message: `Invalid value: ${expirationSeconds}: may not specify a duration less than 10 minutes`, field: "spec.expirationSeconds" });
  }
  if (expirationSeconds > MAX_VALID_SECONDS) {
    causes.push({ reason: "FieldValueInvalid", message: `Invalid value: ${expirationSeconds}: may not specify a duration larger than 2^32 seconds`, field: "spec.expirationSeconds" });
  }
  if (causes.length > 0) throw invalid(KIND, GROUP, "", causes);

  const ref = spec.boundObjectRef === undefined || spec.boundObjectRef === null ? undefined : (spec.boundObjectRef as BoundObjectRef);
  const bound = ref ? await boundObject(ctx, target, ref) : undefined;

  const warnings: string[] = [];
  if (expirationSeconds > issuer.maxExpirationSeconds) {
    warnings.push(`requested expiration of ${expirationSeconds} seconds shortened to ${issuer.maxExpirationSeconds} seconds`);
    expirationSeconds = issuer.maxExpirationSeconds;
  }

  const issuedAt = Math.floor(now.getTime() / 1000);
  const claims: ServiceAccountClaims = {
    iss: issuer.issuer,
    sub: serviceAccountUsername(namespace, name),
    aud: audiences,
    exp: issuedAt + expirationSeconds,
    iat: issuedAt,
    nbf: issuedAt,
    jti: ctx.newUid(),
    "kubernetes.io": {
      namespace,
      serviceaccount: { name, uid: account.metadata.uid ?? "" },
      ...(bound ? { [bound.kind === "Pod" ? "pod" : "secret"]: { name: bound.name, uid: bound.uid } } : {}),
    },
  };
  const token = await issuer.sign(claims);
  const object = {
    kind: KIND,
    apiVersion: `${GROUP}/v1`,
    metadata: { ...meta, name, namespace, creationTimestamp: timestamp(now) },
    spec: { audiences, expirationSeconds, boundObjectRef: ref ?? null },
    status: { token, expirationTimestamp: timestamp(new Date(now.getTime() + expirationSeconds * 1000)) },
  };
  return { object, warnings };
}

/** The Pod or Secret a token is bound to, checked as Kubernetes does (same account, same uid if given). */
async function boundObject(ctx: ApiContext, target: Target, ref: BoundObjectRef): Promise<{ kind: "Pod" | "Secret"; name: string; uid: string }> {
  const apiVersion = typeof ref.apiVersion === "string" ? ref.apiVersion : "";
  const kind = typeof ref.kind === "string" ? ref.kind : "";
  const name = typeof ref.name === "string" ? ref.name : "";
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : ["", apiVersion];
  const plural = group === "" && kind === "Pod" ? "pods" : group === "" && kind === "Secret" ? "secrets" : undefined;
  const type = plural ? ctx.registry.resolve("", "v1", plural) : undefined;
  if (!type) throw badRequest(`cannot bind token to object of type ${group}/${version ?? ""}, Kind=${kind}`);
  const object: KubeObject = await getObject(ctx, { type, namespace: target.namespace, name, subresource: "" });
  if (kind === "Pod") {
    const spec = (object.spec ?? {}) as { serviceAccountName?: string };
    if ((spec.serviceAccountName || "default") !== target.name) {
      throw badRequest(`cannot bind token for serviceaccount ${JSON.stringify(target.name)} to pod running with different serviceaccount name.`);
    }
  }
  const uid = object.metadata.uid ?? "";
  if (ref.uid && ref.uid !== uid) {
    throw new ApiError(
      409,
      "Conflict",
      `Operation cannot be fulfilled on ${kind} ${JSON.stringify(name)}: the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
      { name, kind },
    );
  }
  return { kind: kind as "Pod" | "Secret", name, uid };
}

function stringList(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw badRequest(`${KIND} in version "v1" cannot be handled as a ${KIND}: ${field}: expected a list of strings`);
  }
  return value;
}

function integer(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw badRequest(`${KIND} in version "v1" cannot be handled as a ${KIND}: ${field}: expected an integer, got ${JSON.stringify(value)}`);
  }
  return value;
}
