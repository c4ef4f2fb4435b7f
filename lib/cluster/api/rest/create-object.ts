import { AlreadyExistsError } from "../../store/errors";
import type { KubeObject } from "../../store/object-store";
import { alreadyExists, badRequest, invalid } from "../status";
import type { ApiContext } from "./api-context";
import { writeHooksFor } from "../crd/write-hooks";
import { applyDefaults } from "../defaults/apply-defaults";
import { checkBody } from "./check-body";
import { pruneUnknownFields, type FieldValidation } from "./field-validation";
import { assertNamespaceAccepts } from "./namespace-guard";
import { nameRuleFor, validateName } from "./names";
import { prepareForCreate, timestamp } from "./object-lifecycle";
import { recordCreate, type WriteManager } from "../fieldmanager/record-managed-fields";
import { storeKey, subjectOf, type Target } from "./target";

export type CreateOptions = {
  dryRun?: boolean;
  /**
   * Admission (mutating, then validating) on the object as it would be stored: resolves to the object to store
   * instead (void keeps it as it is), or throws an ApiError to refuse it.
   */
  admit?: (object: KubeObject) => Promise<KubeObject | void>;
  fieldValidation?: FieldValidation;
  /** Who creates it: recorded in metadata.managedFields (server-side apply records an Apply entry). */
  manager?: WriteManager;
};

/** POST to a collection: name (or generateName), namespace checks, system fields, then one store write. */
export async function createObject(
  ctx: ApiContext,
  target: Target,
  body: unknown,
  options: CreateOptions = {},
): Promise<KubeObject> {
  // CRDs and custom objects decode their own way (schema pruning and defaults); built-in kinds by their schema.
  const hooks = writeHooksFor(target.type);
  const checked = checkBody(target, body, undefined);
  const object = hooks ? hooks.decode(checked, options.fieldValidation) : pruneUnknownFields(target.type, checked, options.fieldValidation);
  const meta = object.metadata;
  if (meta.resourceVersion !== undefined && meta.resourceVersion !== "") {
    throw badRequest("resourceVersion should not be set on objects to be created");
  }
  let name = typeof meta.name === "string" ? meta.name : "";
  const generateName = typeof meta.generateName === "string" ? meta.generateName : "";
  if (name === "" && generateName !== "") name = `${generateName}${ctx.randomSuffix()}`;
  if (name === "") {
    throw invalid(target.type.kind, target.type.group, "", [
      { reason: "FieldValueRequired", message: "Required value: name or generateName is required", field: "metadata.name" },
    ]);
  }
  const causes = validateName(name, nameRuleFor(target.type.plural));
  if (causes.length > 0) throw invalid(target.type.kind, target.type.group, name, causes);
  await assertNamespaceAccepts(ctx, target, name);

  const defaulted = applyDefaults(target.type.group, target.type.kind, { ...object, metadata: { ...meta, name } });
  const prepared = prepareForCreate(ctx, target, defaulted);
  const tracked = options.manager ? recordCreate(target.type, { sent: object, defaulted, prepared }, options.manager, timestamp(ctx.clock.now())) : prepared;
  const validated = hooks ? await hooks.prepare(ctx, target, tracked) : tracked;
  const admitted = (await options.admit?.(validated)) ?? validated;
  if (options.dryRun) return admitted;
  try {
    return await ctx.store.create(storeKey(ctx, target, name), admitted);
  } catch (error) {
    if (error instanceof AlreadyExistsError) throw alreadyExists(subjectOf(target, name));
    throw error;
  }
}
