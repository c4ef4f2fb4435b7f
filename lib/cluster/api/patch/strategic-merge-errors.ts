/**
 * Strategic merge patch failures with apimachinery's messages (k8s.io/apimachinery/pkg/util/mergepatch and
 * strategicpatch) and the status the API server maps each to: a few are 400 or 422, the rest reach the client
 * as a plain 500 carrying the message (`Error from server: map: map[image:nginx] does not contain declared
 * merge key: name`).
 */
import { goTypeName, goValue } from "./go-format";
import type { JsonObject, JsonValue } from "./json-value";
import { PatchError, badRequest, genericInvalid, internalFailure, type PatchErrorOptions } from "./patch-error";

export class StrategicMergePatchError extends PatchError {}

const fail = (message: string, options: PatchErrorOptions = internalFailure) => new StrategicMergePatchError(message, options);

export const errBadPatchFormatForPrimitiveList = () => fail("invalid patch format of primitive list", badRequest);
export const errBadPatchFormatForRetainKeys = () => fail("invalid patch format of retainKeys", badRequest);
export const errBadPatchFormatForSetElementOrderList = () =>
  fail("invalid patch format of setElementOrder list", badRequest);
export const errNoListOfLists = () => fail("lists of lists are not supported", genericInvalid);

export const errNoMergeKey = (map: JsonObject, mergeKey: string) =>
  fail(`map: ${goValue(map)} does not contain declared merge key: ${mergeKey}`);

/** Go's ErrBadArgType: what a typed assertion expected versus the value's type. */
export const errBadArgType = (expected: "map" | "slice", actual: JsonValue | undefined) =>
  fail(`expected a ${expected === "map" ? "map[string]interface {}" : "[]interface {}"}, but received a ${goTypeName(actual)}`);

/** `%s` of a directive value: strings print bare, other values as Go's bad-verb notation. */
function goString(value: JsonValue | undefined): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "%!s(<nil>)";
  return `%!s(${goTypeName(value)}=${goValue(value)})`;
}

export const errBadPatchType = (directive: JsonValue | undefined, map: JsonObject) =>
  fail(`unknown patch type: ${goString(directive)} in map: ${goValue(map)}`);

export const errListTypesDiffer = (lists: readonly (readonly JsonValue[])[]) =>
  fail(`list element types are not identical: ${goValue(lists as JsonValue[][])}`);

export const errNoElements = () => fail("no elements in any of the given slices");

export const errListMergeDirective = () => fail("merging lists cannot yet be specified in the patch");

export const errNoMergeKeyDeclared = (path: readonly string[]) =>
  fail(`cannot merge lists without merge key for ${path.join(".")}`);

export const errOrderMismatch = (patchList: JsonValue[], order: JsonValue[]) =>
  fail(`The order in patch list:\n${goValue(patchList)}\n doesn't match $setElementOrder list:\n${goValue(order)}\n`);

export const errUnexpectedStrategy = (strategies: readonly string[]) =>
  fail(`unexpected patch strategy: [${strategies.join(" ")}]`);

export const errNotAMap = (index: number) => fail(`value for key ${index} is not a map`);

/** The patch body is not a JSON object (the decoder's message, 400). */
export const errPatchNotAnObject = (kind: string) =>
  fail(`json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`, badRequest);
