import { parse as parseYaml } from "yaml";
import type { KubeObject } from "../../store/object-store";
import { applyJsonPatch } from "../patch/json-patch";
import { applyMergePatch } from "../patch/merge-patch";
import { PatchError } from "../patch/patch-error";
import { dropNullFields } from "../patch/json-value";
import { noPatchMeta, patchMetaFor, type PatchMetaLookup } from "../patch/patch-meta";
import { applyStrategicMergePatch } from "../patch/strategic-merge-patch";
import { ApiError, badRequest, notFound, unsupportedMediaType } from "../status";
import type { ApiContext } from "./api-context";
import { applyObject } from "./apply-object";
import { checkPatchOptions } from "../fieldmanager/write-manager";
import { mediaType } from "../decode-body";
import { sanitizeBody } from "./storable";
import { subjectOf, type Target } from "./target";
import { applyScale, toScale } from "./scale";
import { writeUpdate, type UpdateOptions } from "./update-object";

export const patchMediaTypes = [
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/strategic-merge-patch+json",
  "application/apply-patch+yaml",
];

export type PatchOptions = UpdateOptions & {
  /** The `fieldManager` query parameter (apply requires it; `manager` says who any write is recorded for). */
  fieldManager?: string;
  /** The `force` query parameter; undefined when not given (only apply may give it). */
  force?: boolean;
  admitCreate?: (object: KubeObject) => Promise<KubeObject | void>;
};

/**
 * PATCH in the four formats Kubernetes accepts. The patch is applied to the current object and written with
 * compare-and-swap; on a concurrent write it is re-applied to the newer object (unless it pins a version).
 */
export async function patchObject(
  ctx: ApiContext,
  target: Target,
  contentType: string,
  patchText: string,
  options: PatchOptions = {},
): Promise<KubeObject> {
  const type = mediaType(contentType);
  if (!patchMediaTypes.includes(type)) throw unsupportedMediaType(patchMediaTypes);
  const apply = type === "application/apply-patch+yaml";
  // As the API server does, the options are checked before the body is read or the object looked up.
  checkPatchOptions(options, apply);
  const patch = decodePatch(type, patchText);
  if (apply) return applyObject(ctx, target, patch, options.fieldManager ?? "", options);

  const meta = patchMetaFor(target.type.group, target.subresource === "scale" ? "Scale" : target.type.kind) ?? noPatchMeta;
  const mainTarget = target.subresource === "scale" ? { ...target, subresource: "" } : target;
  return writeUpdate(
    ctx,
    mainTarget,
    (current) => {
      // /scale is patched as a Scale object, then folded back into the workload.
      const view = target.subresource === "scale" ? toScale(current) : current;
      const result = applyPatchOfType(type, view, patch, meta) as KubeObject;
      if (result === null || typeof result !== "object" || Array.isArray(result)) {
        throw badRequest("the patch does not produce an object");
      }
      if (target.subresource === "scale") return applyScale(target, current, result);
      pinnedVersionCheck(target, current, result);
      if (result.kind !== current.kind || result.apiVersion !== current.apiVersion) {
        throw badRequest(`a patch may not change the object's apiVersion or kind (${String(current.apiVersion)}, ${String(current.kind)})`);
      }
      return { ...result, metadata: { ...(result.metadata ?? {}), name: current.metadata.name } };
    },
    { ...options, skipUnchanged: true },
  ).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === 404) throw notFound(subjectOf(target));
    throw error;
  });
}

function decodePatch(type: string, text: string): unknown {
  if (text.trim() === "") throw badRequest("the body of the request was empty");
  try {
    const decoded: unknown = type === "application/apply-patch+yaml" ? parseYaml(text, { maxAliasCount: 100 }) : JSON.parse(text);
    return sanitizeBody(decoded, "patch");
  } catch (error) {
    const detail = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    throw badRequest(`error decoding patch: ${detail}`);
  }
}

function applyPatchOfType(type: string, current: KubeObject, patch: unknown, meta: PatchMetaLookup) {
  try {
    switch (type) {
      case "application/json-patch+json":
        return applyJsonPatch(current as never, patch);
      case "application/merge-patch+json":
        return applyMergePatch(current as never, patch);
      default:
        // Leftover nulls go, as decoding into typed structs drops them.
        return dropNullFields(applyStrategicMergePatch(current as never, patch, meta));
    }
  } catch (error) {
    if (error instanceof PatchError) {
      // Kubernetes answers a few malformed patches with a bare 500; a user's mistake is a 400 here.
      const code = error.code === 500 ? 400 : error.code;
      throw new ApiError(code, error.reason || "BadRequest", error.statusMessage);
    }
    throw error;
  }
}

/** A patch that sets metadata.resourceVersion asks for optimistic concurrency on that version. */
export function pinnedVersionCheck(target: Target, current: KubeObject, result: KubeObject): void {
  const pinned = result.metadata?.resourceVersion;
  if (typeof pinned === "string" && pinned !== "" && pinned !== current.metadata.resourceVersion) {
    throw new ApiError(409, "Conflict", `Operation cannot be fulfilled on ${target.type.group ? `${target.type.plural}.${target.type.group}` : target.type.plural} "${target.name}": the object has been modified; please apply your changes to the latest version and try again`, {
      name: target.name,
      ...(target.type.group ? { group: target.type.group } : {}),
      kind: target.type.plural,
    });
  }
}
