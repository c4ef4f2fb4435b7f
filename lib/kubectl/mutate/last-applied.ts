/**
 * The `kubectl.kubernetes.io/last-applied-configuration` annotation, as kubectl's GetModifiedConfiguration
 * writes it: the manifest without that annotation, as Go JSON with a trailing newline. The annotations map is
 * always there, empty if need be (kubectl sets a non-nil map): hence the familiar `"annotations":{}`.
 */
import { cloneJson, deleteOwn, isJsonObject, setOwn, type JsonObject } from "../../cluster/api/patch/json-value";
import { goJson } from "./go-json";

export const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

/** The object to send: the manifest with the annotation set to the manifest itself. */
export function withLastApplied(manifest: JsonObject): JsonObject {
  const object = cloneJson(manifest);
  setAnnotations(object, (annotations) => deleteOwn(annotations, LAST_APPLIED));
  const text = `${goJson(object)}\n`;
  setAnnotations(object, (annotations) => setOwn(annotations, LAST_APPLIED, text));
  return object;
}

/**
 * What `kubectl diff` sends as the modified configuration (GetModifiedConfiguration without annotating): the
 * manifest minus any last-applied annotation, with `annotations: {}` when it had none — as in the annotation
 * apply wrote, so the three-way patch does not delete the live object's annotations.
 */
export function withoutLastApplied(manifest: JsonObject): JsonObject {
  const object = cloneJson(manifest);
  setAnnotations(object, (annotations) => deleteOwn(annotations, LAST_APPLIED));
  return object;
}

/** The last applied manifest a live object carries, if any and if it reads as an object. */
export function lastAppliedOf(live: JsonObject): JsonObject | undefined {
  const metadata = live.metadata;
  const annotations = isJsonObject(metadata) ? metadata.annotations : undefined;
  const text = isJsonObject(annotations) ? annotations[LAST_APPLIED] : undefined;
  if (typeof text !== "string" || text === "") return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return isJsonObject(parsed) ? (parsed) : undefined;
  } catch {
    return undefined;
  }
}

function setAnnotations(object: JsonObject, change: (annotations: JsonObject) => void): void {
  const metadata = isJsonObject(object.metadata) ? object.metadata : {};
  const annotations = isJsonObject(metadata.annotations) ? metadata.annotations : {};
  change(annotations);
  setOwn(metadata, "annotations", annotations);
  setOwn(object, "metadata", metadata);
}
