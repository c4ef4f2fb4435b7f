import type { KubeObject } from "../../store/object-store";
import { mediaType } from "../decode-body";
import { applyJsonPatch } from "../patch/json-patch";
import { applyMergePatch } from "../patch/merge-patch";
import { PatchError } from "../patch/patch-error";
import type { ApiContext } from "../rest/api-context";
import type { Target } from "../rest/target";
import { writeUpdate, type UpdateOptions } from "../rest/update-object";
import type { ResourceType } from "../resources/resource-type";
import { ApiError, badRequest, invalid, unsupportedMediaType } from "../status";
import type { CrdScale } from "./crd-object";
import { isJsonObject, setField, type JsonObject } from "./json-schema";

// The /scale subresource of custom objects: an autoscaling/v1 Scale whose replicas live where the CRD's
// specReplicasPath and statusReplicasPath say (`.spec.replicas`), and whose selector is read from
// labelSelectorPath. `kubectl scale` reads it and merge-patches it.

const steps = (path: string) => path.split(".").filter((s) => s !== "");

function read(object: unknown, path: string | undefined): unknown {
  if (!path) return undefined;
  let current = object;
  for (const step of steps(path)) current = isJsonObject(current) ? current[step] : undefined;
  return current;
}

function write(object: JsonObject, path: string, value: unknown): JsonObject {
  const [first, ...rest] = steps(path);
  if (first === undefined) return object;
  const out = { ...object };
  if (rest.length === 0) setField(out, first, value);
  else setField(out, first, write(isJsonObject(out[first]) ? (out[first]) : {}, rest.join("."), value));
  return out;
}

function scaleOf(type: ResourceType): CrdScale {
  const scale = type.custom?.scale;
  if (!scale) throw new ApiError(404, "NotFound", "the server could not find the requested resource");
  return scale;
}

export function toCustomScale(type: ResourceType, object: KubeObject): KubeObject {
  const scale = scaleOf(type);
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  const replicas = (path: string | undefined) => {
    const value = read(object, path);
    return typeof value === "number" && Number.isInteger(value) ? value : 0;
  };
  const selector = read(object, scale.labelSelectorPath);
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: replicas(scale.specReplicasPath) },
    status: { replicas: replicas(scale.statusReplicasPath), ...(typeof selector === "string" && selector !== "" ? { selector } : {}) },
  };
}

/** The custom object with the Scale's spec.replicas written at specReplicasPath. */
export function applyCustomScale(type: ResourceType, target: Target, object: KubeObject, scale: unknown): KubeObject {
  const paths = scaleOf(type);
  const replicas = isJsonObject(scale) && isJsonObject(scale.spec) ? scale.spec.replicas : undefined;
  if (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0) {
    throw invalid("Scale", "autoscaling", target.name, [
      {
        reason: "FieldValueInvalid",
        message: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`,
        field: "spec.replicas",
      },
    ]);
  }
  return write(object, paths.specReplicasPath, replicas) as KubeObject;
}

const scalePatchTypes = ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"];

/** PATCH /scale of a custom object: the patch applies to the Scale view, the result folds back into the object. */
export async function patchCustomScale(
  ctx: ApiContext,
  target: Target,
  contentType: string,
  patchText: string,
  options: UpdateOptions,
): Promise<KubeObject> {
  const type = mediaType(contentType);
  if (!scalePatchTypes.includes(type)) throw unsupportedMediaType(scalePatchTypes);
  let patch: unknown;
  try {
    patch = JSON.parse(patchText);
  } catch (error) {
    throw badRequest(`error decoding patch: ${error instanceof Error ? error.message : String(error)}`);
  }
  const updated = await writeUpdate(
    ctx,
    { ...target, subresource: "" },
    (current) => {
      const view = toCustomScale(target.type, current);
      let patched: unknown;
      try {
        // A Scale has no lists, so a strategic merge patch means what a merge patch means.
        patched = type === "application/json-patch+json" ? applyJsonPatch(view as never, patch) : applyMergePatch(view as never, patch);
      } catch (error) {
        if (error instanceof PatchError) throw new ApiError(error.code === 500 ? 400 : error.code, error.reason || "BadRequest", error.statusMessage);
        throw error;
      }
      return applyCustomScale(target.type, target, current, patched);
    },
    options,
  );
  return toCustomScale(target.type, updated);
}
