import type { KubeObject } from "../store/object-store";
import type { ApiRequest, ApiResponse } from "./api-request";
import { decodeObjectBody, decodeText } from "./decode-body";
import type { ResourceRequest } from "./request-info";
import type { Verb } from "./resources/resource-type";
import type { RbacAuthorizer } from "../auth/rbac-authorizer";
import type { Admission } from "./admission";
import type { ApiContext } from "./rest/api-context";
import { answerReview } from "./reviews";
import { createObject } from "./rest/create-object";
import type { DeleteOptions, DeleteResult } from "./rest/delete-object";
import { getObject } from "./rest/get-object";
import { listObjects } from "./rest/list-objects";
import { patchObject } from "./rest/patch-object";
import { bindPod, podLog } from "./rest/pod-subresources";
import { execSnapshot } from "./rest/pod-exec";
import { logOptions } from "./rest/log-options";
import { toScale } from "./rest/scale";
import { fieldValidationFrom } from "./rest/field-validation";
import { buildMatcher } from "./rest/selection";
import type { Target } from "./rest/target";
import { updateObject, writeUpdate } from "./rest/update-object";
import { checkWatchRequest, watchEvents } from "./rest/watch-events";
import { checkListOptions } from "./rest/list-options";
import { ensureDefaultServiceAccount } from "./rest/default-service-account";
import { evictPod } from "./rest/evict-pod";
import { requestToken } from "./rest/request-token";
import { answerSelfSubjectReview } from "./self-subject-review";
import type { ServiceAccountTokenIssuer } from "../auth/service-account-token";
import { badRequest, methodNotAllowed, methodNotSupported, pathNotFound } from "./status";
import { asTableIfAsked } from "./table-negotiation";
import type { CrdSync } from "./crd/crd-sync";
import { customRoutes } from "./crd/custom-routes";
import { patchCustomScale } from "./crd/custom-scale";
import { writeManagerFor, type OptionsKind } from "./fieldmanager/write-manager";

export type ResourceRouteDeps = {
  ctx: ApiContext;
  authorizer: RbacAuthorizer;
  admission?: Admission;
  /** Signs TokenRequest tokens; without it serviceaccounts/token is not served. */
  tokenIssuer?: ServiceAccountTokenIssuer;
  /** Told of CRD writes, so the types they define are served as soon as the write returns. */
  crds?: CrdSync;
};

/** RFC 7234 warnings as the API server sends them (kubectl prints each as "Warning: …"). */
function warningHeader(warnings: string[]): string {
  return warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(", ");
}

export async function serveResource(deps: ResourceRouteDeps, request: ApiRequest, info: ResourceRequest): Promise<ApiResponse> {
  const { ctx } = deps;
  const type = ctx.registry.resolve(info.group, info.version, info.resource);
  if (!type) throw pathNotFound();
  const target: Target = { type, namespace: info.namespace, name: info.name, subresource: info.subresource };
  const custom = customRoutes(type, deps.crds);
  const subject = { group: type.group, resource: type.plural, ...(info.name ? { name: info.name } : {}) };
  const allowed = (verb: Verb) => {
    const verbs = info.subresource ? type.subresources.find((s) => s.name === info.subresource)?.verbs : type.verbs;
    if (!verbs) throw pathNotFound();
    if (!verbs.includes(verb)) throw methodNotSupported(subject, verb);
  };
  const dryRun = request.query.getAll("dryRun").includes("All");
  const now = ctx.clock.now();
  const admission = deps.admission;
  const admitCreate = admission
    ? (object: KubeObject) => admission.admit({ operation: "create", target, user: request.user, object, dryRun })
    : undefined;
  const admitUpdate = admission
    ? (object: KubeObject, oldObject: KubeObject) =>
        admission.admit({ operation: "update", target, user: request.user, object, oldObject, dryRun })
    : undefined;
  const committedUpdate = admission
    ? (object: KubeObject | undefined, oldObject: KubeObject) =>
        admission.committed({ target, oldObject, ...(object ? { object } : {}) })
    : undefined;
  const committedDelete = async (name: string, result: DeleteResult) => {
    if (admission && !dryRun && result.outcome === "deleted") {
      await admission.committed({ target: { ...target, name }, oldObject: result.object });
    }
  };
  const fieldValidation = fieldValidationFrom(request.query);
  const writeOptions = {
    dryRun,
    fieldValidation,
    ...(admitUpdate ? { admit: admitUpdate } : {}),
    ...(committedUpdate ? { committed: committedUpdate } : {}),
  };
  // Who a write is recorded for in managedFields (and a bad fieldManager is refused as an invalid option).
  const manager = (options: OptionsKind) => ({ manager: writeManagerFor(request, info.subresource, options) });
  const ok = (body: unknown, status = 200): ApiResponse => ({
    kind: "json",
    status,
    body,
    ...(fieldValidation.warnings.length > 0 ? { headers: { warning: warningHeader(fieldValidation.warnings) } } : {}),
  });

  switch (info.verb) {
    case "get": {
      allowed("get");
      if (type.kind === "Pod" && info.subresource === "log") {
        return { kind: "text", status: 200, body: await podLog(ctx, target, logOptions(request.query)), contentType: "text/plain" };
      }
      const object = custom.present(await getObject(ctx, target));
      if (info.subresource === "scale") return ok(custom.toScale(object));
      return ok(asTableIfAsked(request.accept, type, [object], now, { resourceVersion: object.metadata.resourceVersion }, object));
    }
    case "list": {
      allowed("list");
      checkListOptions(request.query, false);
      const listed = await listObjects(ctx, target, {
        matches: buildMatcher(type, request.query),
        ...parseLimit(request.query),
        ...(request.query.get("continue") ? { continueToken: request.query.get("continue")! } : {}),
      });
      const list = type.custom ? { ...listed, items: listed.items.map(custom.present) } : listed;
      return ok(asTableIfAsked(request.accept, type, list.items, now, list.metadata, list));
    }
    case "watch": {
      allowed("watch");
      checkWatchRequest(request.query);
      return { kind: "watch", status: 200, events: watchEvents(ctx, target, request, buildMatcher(type, request.query)) };
    }
    case "create": {
      // pods/exec is a stream, not a stored subresource: only the upgraded exec adapter gets its snapshot.
      if (type.kind === "Pod" && info.subresource === "exec") {
        if (!request.upgraded) throw badRequest("Upgrade request required");
        return ok(await execSnapshot(ctx, target, request.query));
      }
      allowed("create");
      if (type.kind === "Pod" && info.subresource === "binding") {
        const binding = decodeObjectBody(request.body, request.contentType, "Binding");
        const bound = await bindPod(ctx, target, binding, dryRun);
        // Status.metadata is ListMeta: the bound pod's resourceVersion lets a scheduler wait for its cache to
        // show the binding without reading the pod back (Kubernetes leaves it empty; clients ignore it).
        const metadata = dryRun || !bound.metadata.resourceVersion ? {} : { resourceVersion: bound.metadata.resourceVersion };
        return ok({ kind: "Status", apiVersion: "v1", metadata, status: "Success", code: 201 }, 201);
      }
      if (type.kind === "Pod" && info.subresource === "eviction") {
        const eviction = decodeObjectBody(request.body, request.contentType, "Eviction");
        return ok(await evictPod(ctx, target, eviction, { dryRun, committed: (result) => committedDelete(info.name, result) }), 201);
      }
      if (type.kind === "ServiceAccount" && info.subresource === "token" && deps.tokenIssuer) {
        const tokenRequest = decodeObjectBody(request.body, request.contentType, "TokenRequest");
        const { object, warnings } = await requestToken(ctx, target, tokenRequest, deps.tokenIssuer);
        return { kind: "json", status: 201, body: object, ...(warnings.length > 0 ? { headers: { warning: warningHeader(warnings) } } : {}) };
      }
      if (info.subresource) throw methodNotSupported(subject, "create");
      if (type.kind === "SelfSubjectReview") return ok(answerSelfSubjectReview(request), 201);
      const body = decodeObjectBody(request.body, request.contentType, type.kind);
      if (type.group === "authorization.k8s.io") return ok(await answerReview(deps.authorizer, request.user, type, body), 201);
      const created = await createObject(ctx, target, body, {
        dryRun,
        fieldValidation,
        ...manager("CreateOptions"),
        ...(admitCreate ? { admit: admitCreate } : {}),
      });
      if (type.kind === "Namespace" && !dryRun) await ensureDefaultServiceAccount(ctx, created.metadata.name ?? "");
      return ok(custom.stored(created, dryRun), 201);
    }
    case "update": {
      allowed("update");
      if (info.subresource === "scale") {
        const scale = decodeObjectBody(request.body, request.contentType, "Scale");
        return ok(custom.toScale(await writeUpdate(ctx, { ...target, subresource: "" }, (w) => custom.applyScale(target, w, scale), { ...writeOptions, ...manager("UpdateOptions") })));
      }
      return ok(custom.stored(await updateObject(ctx, target, decodeObjectBody(request.body, request.contentType, type.kind), { ...writeOptions, ...manager("UpdateOptions") }), dryRun));
    }
    case "patch": {
      allowed("patch");
      custom.checkPatchType(request.contentType);
      if (type.custom?.scale && info.subresource === "scale") {
        return ok(await patchCustomScale(ctx, target, request.contentType, decodeText(request.body), { ...writeOptions, ...manager("PatchOptions") }));
      }
      const patched = await patchObject(ctx, target, request.contentType, decodeText(request.body), {
        ...writeOptions,
        ...manager("PatchOptions"),
        ...(admitCreate ? { admitCreate } : {}),
        fieldManager: request.query.get("fieldManager") ?? undefined,
        force: request.query.has("force") ? request.query.get("force") === "true" : undefined,
      });
      // Server-side apply may have created the namespace.
      if (type.kind === "Namespace" && !dryRun && !info.subresource && !patched.metadata.deletionTimestamp) {
        await ensureDefaultServiceAccount(ctx, info.name);
      }
      return ok(info.subresource === "scale" ? toScale(patched) : custom.stored(patched, dryRun));
    }
    case "delete": {
      allowed("delete");
      const result = await custom.delete(ctx, target, { ...deleteOptions(request), dryRun });
      await committedDelete(info.name, result);
      if (result.outcome === "pending" || type.kind === "Pod") return ok(result.object);
      return ok({
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Success",
        details: { name: info.name, ...(type.group ? { group: type.group } : {}), kind: type.plural, uid: result.object.metadata.uid },
      });
    }
    case "deletecollection": {
      allowed("deletecollection");
      const list = await listObjects(ctx, target, { matches: buildMatcher(type, request.query) });
      const options = { ...deleteOptions(request), dryRun };
      for (const item of list.items) {
        const name = item.metadata.name ?? "";
        const result = await custom.delete(ctx, { ...target, name }, options).catch((error: unknown) => {
          // Gone already (deleted concurrently) is what we wanted.
          if (!(error instanceof Error && "code" in error && (error as { code: number }).code === 404)) throw error;
        });
        if (result) await committedDelete(name, result);
      }
      return ok({ ...list, items: list.items });
    }
    default:
      throw methodNotAllowed(subject);
  }
}

function parseLimit(query: URLSearchParams): { limit?: number } {
  const raw = query.get("limit");
  if (raw === null || raw === "") return {};
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 0) throw badRequest(`limit: Invalid value: "${raw}": must be a non-negative integer`);
  return limit > 0 ? { limit } : {};
}

function deleteOptions(request: ApiRequest): DeleteOptions {
  const options: DeleteOptions = {};
  const decoded = request.body && request.body.length > 0 ? decodeObjectBody(request.body, request.contentType, "DeleteOptions") : null;
  // `null` is no options, as in Kubernetes; anything else that is not an object is a malformed request.
  if (decoded !== null && (typeof decoded !== "object" || Array.isArray(decoded))) {
    throw badRequest("the body of a DELETE request must be a DeleteOptions object");
  }
  const body = (decoded ?? {}) as Record<string, unknown>;
  const grace = request.query.get("gracePeriodSeconds") ?? body.gracePeriodSeconds;
  if (grace !== undefined && grace !== null && grace !== "") {
    const seconds = Number(grace);
    if (!Number.isInteger(seconds)) throw badRequest(`gracePeriodSeconds: Invalid value: ${JSON.stringify(grace)}: must be an integer`);
    options.gracePeriodSeconds = seconds;
  }
  const policy = request.query.get("propagationPolicy") ?? body.propagationPolicy;
  if (policy !== undefined && policy !== null && policy !== "") {
    if (policy !== "Foreground" && policy !== "Background" && policy !== "Orphan") {
      throw badRequest(`propagationPolicy: Unsupported value: ${JSON.stringify(policy)}: supported values: "Foreground", "Background", "Orphan"`);
    }
    options.propagationPolicy = policy;
  }
  if (body.preconditions && typeof body.preconditions === "object") {
    options.preconditions = body.preconditions;
  }
  return options;
}
