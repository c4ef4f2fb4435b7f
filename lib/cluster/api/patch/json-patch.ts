/**
 * RFC 6902 JSON patch (`application/json-patch+json`), as the Kubernetes API server applies it: atomically (the
 * input is never touched; any failure leaves nothing applied), at most 10 000 operations, copies limited to
 * 3 MiB in total, and the quirks of the library Kubernetes uses (see json-patch-target.ts). Error messages are
 * that library's; the `Status` Kubernetes answers with is in {@link PatchError}'s `code`/`statusMessage`.
 */
import { jsonKindName } from "./go-format";
import { addIn, findTarget, getIn, removeIn, setIn, TargetError, type Container } from "./json-patch-target";
import { cloneJson, getOwn, isJsonObject, jsonByteLength, jsonEqual, type JsonObject, type JsonValue } from "./json-value";
import { badRequest, genericInvalid, PatchError, type PatchErrorOptions } from "./patch-error";

export type JsonPatchOp = "add" | "remove" | "replace" | "move" | "copy" | "test";

/** One operation as sent; fields are checked when the operation runs, as in Kubernetes. */
export interface JsonPatchOperation {
  /** One of {@link JsonPatchOp}; anything else fails with "Unexpected kind". */
  readonly op: string;
  readonly path?: string;
  readonly from?: string;
  readonly value?: JsonValue;
}

export interface JsonPatchOptions {
  /** Kubernetes' limit (maxJSONPatchOperations). */
  readonly maxOperations?: number;
  /** Total bytes `copy` may add (the API server's --json-patch-max-copy-bytes default). */
  readonly maxCopyBytes?: number;
}

export const MAX_JSON_PATCH_OPERATIONS = 10_000;
export const MAX_JSON_PATCH_COPY_BYTES = 3 * 1024 * 1024;

export class JsonPatchError extends PatchError {
  constructor(
    message: string,
    options: PatchErrorOptions,
    /** Zero-based index of the failing operation, when one failed. */
    readonly operationIndex?: number,
    readonly op?: string,
    readonly path?: string,
  ) {
    super(message, options);
  }
}

const MISSING = "missing value";

/** Checks the patch is a list of operation objects (400) and not too long (413). `null` is an empty patch. */
export function decodeJsonPatch(patch: unknown, options: JsonPatchOptions = {}): JsonObject[] {
  if (patch === null) return [];
  if (!Array.isArray(patch)) {
    const message = `json: cannot unmarshal ${jsonKindName(patch as JsonValue)} into Go value of type jsonpatch.Patch`;
    throw new JsonPatchError(message, badRequest);
  }
  patch.forEach((operation: unknown, index) => {
    if (operation !== null && !isJsonObject(operation)) {
      const kind = jsonKindName(operation as JsonValue);
      throw new JsonPatchError(`json: cannot unmarshal ${kind} into Go value of type jsonpatch.Operation`, badRequest, index);
    }
  });
  const limit = options.maxOperations ?? MAX_JSON_PATCH_OPERATIONS;
  if (patch.length > limit) {
    const detail = `The allowed maximum operations in a JSON patch is ${limit}, got ${patch.length}`;
    throw new JsonPatchError(`Request entity too large: ${detail}`, { code: 413, reason: "RequestEntityTooLarge" });
  }
  return (patch as (JsonObject | null)[]).map((operation) => operation ?? {});
}

/** A string field; otherwise the message Go's decoder would give. */
function stringField(operation: JsonObject, field: "path" | "from"): string {
  const value = getOwn(operation, field);
  if (typeof value === "string") return value;
  if (value === undefined || value === null) {
    throw new TargetError(field === "path" ? `operation missing path field: ${MISSING}` : `operation, missing from field: ${MISSING}`);
  }
  throw new TargetError(`json: cannot unmarshal ${jsonKindName(value)} into Go value of type string`);
}

/** Runs `read`, turning its failure into `prefix` + the failure (or `fixed`, when the library drops the cause). */
function decode(read: () => string, prefix: string, fixed?: string): string {
  try {
    return read();
  } catch (error) {
    if (error instanceof TargetError) throw new TargetError(`${prefix}${fixed ?? error.message}`);
    throw error;
  }
}

function wrap<T>(run: () => T, prefix: string): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof TargetError) throw new TargetError(`${prefix}${error.message}`);
    throw error;
  }
}

interface State {
  document: Container;
  copiedBytes: number;
  readonly maxCopyBytes: number;
}

const valueOf = (operation: JsonObject): JsonValue => getOwn(operation, "value") ?? null;

function target(state: State, path: string, missing: string) {
  const found = findTarget(state.document, path);
  if (!found) throw new TargetError(missing);
  return found;
}

const OPERATIONS: Record<JsonPatchOp, (state: State, operation: JsonObject) => void> = {
  add(state, operation) {
    const path = decode(() => stringField(operation, "path"), "add operation failed to decode path: ", MISSING);
    const { container, key } = target(state, path, `add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
    wrap(() => addIn(container, key, cloneJson(valueOf(operation))), `error in add for path: '${path}': `);
  },
  remove(state, operation) {
    const path = decode(() => stringField(operation, "path"), "remove operation failed to decode path: ", MISSING);
    const { container, key } = target(state, path, `remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
    wrap(() => removeIn(container, key), `error in remove for path: '${path}': `);
  },
  replace(state, operation) {
    const path = decode(() => stringField(operation, "path"), "replace operation failed to decode path: ");
    const value = valueOf(operation);
    if (path === "") {
      if (!Array.isArray(value) && !isJsonObject(value)) {
        throw new TargetError("replace operation value must be object or array: %!w(<nil>)");
      }
      state.document = cloneJson(value);
      return;
    }
    const { container, key } = target(state, path, `replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
    wrap(() => getIn(container, key), `replace operation does not apply: doc is missing key: ${path}: `);
    wrap(() => setIn(container, key, cloneJson(value)), `error in remove for path: '${path}': `);
  },
  move(state, operation) {
    const from = decode(() => stringField(operation, "from"), "move operation failed to decode from: ");
    const source = target(state, from, `move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
    const value = wrap(() => getIn(source.container, source.key), `error in move for path: '${source.key}': `);
    wrap(() => removeIn(source.container, source.key), `error in move for path: '${source.key}': `);
    const path = decode(() => stringField(operation, "path"), "move operation failed to decode path: ");
    const { container, key } = target(state, path, `move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
    wrap(() => addIn(container, key, value ?? null), `error in move for path: '${path}': `);
  },
  copy(state, operation) {
    const from = decode(() => stringField(operation, "from"), "copy operation failed to decode from: ");
    const source = target(state, from, `copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
    // A missing object key reads as null here, as it does in the library Kubernetes uses.
    const value = wrap(() => getIn(source.container, source.key), `error in copy for from: '${from}': `) ?? null;
    const path = decode(() => stringField(operation, "path"), "copy operation failed to decode path: ", MISSING);
    const { container, key } = target(state, path, `copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
    state.copiedBytes += value === null ? 0 : jsonByteLength(value);
    if (state.maxCopyBytes > 0 && state.copiedBytes > state.maxCopyBytes) {
      throw new TargetError(
        `Unable to complete the copy, the accumulated size increase of copy is ${state.copiedBytes}, exceeding the limit ${state.maxCopyBytes}`,
      );
    }
    wrap(() => addIn(container, key, cloneJson(value)), "error while adding value during copy: ");
  },
  test(state, operation) {
    const path = decode(() => stringField(operation, "path"), "test operation failed to decode path: ");
    const expected = valueOf(operation);
    const failed = new TargetError(`testing value ${path} failed: test failed`);
    if (path === "") {
      if (!jsonEqual(state.document, expected)) throw failed;
      return;
    }
    const { container, key } = target(state, path, `test operation does not apply: is missing path: ${path}: ${MISSING}`);
    // Missing and null are the same to the library: a test for null passes on either.
    const actual = wrap(() => getIn(container, key), `error in test for path: '${path}': `) ?? null;
    if (!jsonEqual(actual, expected)) throw failed;
  },
};

/**
 * Applies the patch to a copy of the document and returns the copy. Throws {@link JsonPatchError}: 400 for a
 * patch that is not a list of operations, 413 for too many operations, and for a failing operation 422 with
 * Kubernetes' generic message (the detail, the operation's index, op and path stay on the error).
 */
export function applyJsonPatch(document: JsonValue, patch: unknown, options: JsonPatchOptions = {}): JsonValue {
  const operations = decodeJsonPatch(patch, options);
  if (!Array.isArray(document) && !isJsonObject(document)) {
    throw new JsonPatchError(`json: cannot unmarshal ${jsonKindName(document)} into Go value of type jsonpatch.partialDoc`, genericInvalid);
  }
  const state: State = {
    document: cloneJson(document),
    copiedBytes: 0,
    maxCopyBytes: options.maxCopyBytes ?? MAX_JSON_PATCH_COPY_BYTES,
  };
  operations.forEach((operation, index) => {
    const op = getOwn(operation, "op");
    const kind = typeof op === "string" ? op : "unknown";
    const path = getOwn(operation, "path");
    const run = Object.hasOwn(OPERATIONS, kind) ? OPERATIONS[kind as JsonPatchOp] : undefined;
    try {
      if (!run) throw new TargetError(`Unexpected kind: ${kind}`);
      run(state, operation);
    } catch (error) {
      if (!(error instanceof TargetError)) throw error;
      throw new JsonPatchError(error.message, genericInvalid, index, kind, typeof path === "string" ? path : undefined);
    }
  });
  return state.document;
}
