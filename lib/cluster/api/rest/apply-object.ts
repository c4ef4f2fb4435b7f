import type { KubeObject } from "../../store/object-store";
import { conflictError, ApplyConflicts } from "../fieldmanager/apply-conflicts";
import { applyIntent, type ApplyInput } from "../fieldmanager/apply-intent";
import { fieldsStillAsLastApplied, MIGRATING_MANAGER, refreshLastApplied } from "../fieldmanager/last-applied";
import { ItemKeyError } from "../fieldmanager/list-items";
import type { ManagedEntry } from "../fieldmanager/managed-entries";
import { ownedThrough, storedEntries } from "../fieldmanager/record-managed-fields";
import { schemaForKind } from "../fieldmanager/schema-node";
import { toFieldSet } from "../fieldmanager/to-field-set";
import { jsonKindName } from "../patch/go-format";
import { isJsonObject, type JsonObject, type JsonValue } from "../patch/json-value";
import { groupVersion } from "../resources/resource-type";
import { ApiError, badRequest, notFound } from "../status";
import type { ApiContext } from "./api-context";
import { createObject } from "./create-object";
import { pruneUnknownFields } from "./field-validation";
import { timestamp } from "./object-lifecycle";
import { pinnedVersionCheck, type PatchOptions } from "./patch-object";
import { applyScale } from "./scale";
import { storeKey, subjectOf, type Target } from "./target";
import { writeUpdate } from "./update-object";

/**
 * PATCH with `application/apply-patch+yaml`: the configuration is the field manager's whole intent for the
 * object. Creates the object when it does not exist; otherwise merges, prunes what the manager stopped
 * applying, and answers 409 for changes to fields other managers own (unless forced).
 */
export async function applyObject(ctx: ApiContext, target: Target, body: unknown, manager: string, options: PatchOptions): Promise<KubeObject> {
  const scale = target.subresource === "scale";
  const config = checkConfig(target, body, scale);
  const type = target.type;
  const schema = schemaForKind(type);
  const force = options.force === true;
  const time = timestamp(ctx.clock.now());
  const mainTarget = { ...target, subresource: scale ? "" : target.subresource };
  // A configuration whose lists cannot be keyed is the client's mistake: say so before anything else.
  if (!scale) keyedOrThrow(target, config, () => toFieldSet(config, schema));

  if (target.subresource === "" && !(await ctx.store.get(storeKey(ctx, target)))) {
    if (nameOf(config) === "") throw wrongName("", target);
    return createObject(ctx, target, config, {
      ...(options.dryRun ? { dryRun: true } : {}),
      ...(options.fieldValidation ? { fieldValidation: options.fieldValidation } : {}),
      ...(options.admitCreate ? { admit: options.admitCreate } : {}),
      manager: { name: manager, subresource: "", applied: {} },
    });
  }

  const applied: { entries?: ManagedEntry[] } = {};
  const transform = (current: KubeObject): KubeObject => {
    const intent = scale ? scaleIntent(target, current, config) : builtInPruned(target, config, options);
    const input: ApplyInput = {
      live: current as unknown as JsonObject,
      config: intent,
      schema,
      entries: storedEntries(current),
      applier: { manager, apiVersion: groupVersion(type), subresource: target.subresource },
      force,
      time,
      owned: ownedThrough(type, target.subresource),
    };
    const result = keyedOrThrow(target, config, () => applyWithMigration(input));
    applied.entries = result.entries;
    const object = (manager === MIGRATING_MANAGER ? refreshLastApplied(result.object, intent) : result.object) as unknown as KubeObject;
    pinnedVersionCheck(target, current, object);
    return object;
  };
  return writeUpdate(ctx, mainTarget, transform, { ...options, skipUnchanged: true, manager: { name: manager, subresource: target.subresource, applied } }).catch(
    (error: unknown) => {
      if (error instanceof ApiError && error.code === 404) throw notFound(subjectOf(target));
      throw error;
    },
  );
}

/**
 * Kubernetes' help for kubectl moving from client-side apply: when kubectl's apply conflicts only on fields
 * that still hold what the last client-side apply set, it goes through as if forced.
 */
function applyWithMigration(input: ApplyInput) {
  try {
    return applyIntent(input);
  } catch (error) {
    if (!(error instanceof ApplyConflicts)) throw error;
    if (input.applier.manager !== MIGRATING_MANAGER || !input.live) throw conflictError(error.conflicts);
    const allowed = fieldsStillAsLastApplied(input.live, input.applier.apiVersion, input.schema);
    const remaining = error.conflicts.filter((c) => !allowed.has(c.path));
    if (remaining.length > 0) throw conflictError(remaining);
    return applyIntent({ ...input, force: true });
  }
}

/** What the API server checks of an applied configuration before merging it. */
function checkConfig(target: Target, body: unknown, scale: boolean): JsonObject {
  // As Go decodes YAML into a map: null is an empty map, any other non-object an error.
  const config = (body ?? {}) as JsonValue;
  if (!isJsonObject(config)) {
    throw badRequest(`error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKindName(config)} into Go value of type map[string]interface {}`);
  }
  const [kind, apiVersion] = scale ? ["Scale", "autoscaling/v1"] : [target.type.kind, groupVersion(target.type)];
  if (config.kind !== kind || config.apiVersion !== apiVersion) throw badRequest(`invalid object type: ${gvkString(config)}`);
  const metadata = (config.metadata ?? {}) as JsonValue;
  if (!isJsonObject(metadata)) throw badRequest("metadata must be an object");
  if (metadata.managedFields !== undefined && metadata.managedFields !== null) throw badRequest("metadata.managedFields must be nil");
  const namespace = typeof metadata.namespace === "string" ? metadata.namespace : "";
  if (target.type.namespaced && namespace !== "" && namespace !== target.namespace) {
    throw badRequest(`the namespace of the object (${namespace}) does not match the namespace on the request (${target.namespace})`);
  }
  // Without a name the live object's stands; a new object has none, so creating needs one (checked there).
  const name = nameOf(config);
  if (name !== "" && name !== target.name) throw wrongName(name, target);
  return config;
}

const nameOf = (config: JsonObject) => {
  const metadata = config.metadata;
  return isJsonObject((metadata ?? null)) && typeof (metadata as JsonObject).name === "string" ? ((metadata as JsonObject).name as string) : "";
};

const wrongName = (name: string, target: Target) =>
  badRequest(`the name of the object (${name}) does not match the name on the URL (${target.name})`);

/** Go's GroupVersionKind.String(): `apps/v1, Kind=Deployment`, `/v1, Kind=Pod`. */
function gvkString(config: JsonObject): string {
  const apiVersion = typeof config.apiVersion === "string" ? config.apiVersion : "";
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : ["", apiVersion];
  return `${group}/${version}, Kind=${typeof config.kind === "string" ? config.kind : ""}`;
}

/** Unknown fields leave the configuration before it is owned (reported per fieldValidation, as for any write). */
function builtInPruned(target: Target, config: JsonObject, options: PatchOptions): JsonObject {
  if (target.type.custom) return config;
  return pruneUnknownFields(target.type, config as unknown as KubeObject, options.fieldValidation) as unknown as JsonObject;
}

/** An apply to /scale is an apply of spec.replicas to the workload, owned through the subresource. */
function scaleIntent(target: Target, workload: KubeObject, config: JsonObject): JsonObject {
  const spec = isJsonObject((config.spec ?? null)) ? (config.spec as JsonObject) : {};
  const intent: JsonObject = { apiVersion: groupVersion(target.type), kind: target.type.kind, metadata: { name: target.name } };
  if (spec.replicas === undefined) return intent;
  const replicas = (applyScale(target, workload, { spec: { replicas: spec.replicas } }).spec as { replicas: number }).replicas;
  return { ...intent, spec: { replicas } };
}

function keyedOrThrow<T>(target: Target, config: JsonObject, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof ItemKeyError)) throw error;
    const namespace = target.type.namespaced ? target.namespace : "";
    const kind = typeof config.kind === "string" ? config.kind : "";
    throw badRequest(`failed to create typed patch object (${namespace}/${target.name}; ${gvkString({ ...config, kind })}): ${error.message}`);
  }
}
