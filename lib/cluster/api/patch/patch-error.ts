/**
 * A patch the API server refuses. `message` is the patch library's own error (useful in logs and tests);
 * `code`, `reason` and `statusMessage` are what the real API server puts into the `Status` it answers with —
 * for some failures that is a generic sentence, because Kubernetes drops the detail.
 */

/** metav1.StatusReason values patching produces; "" is StatusReasonUnknown (a plain 500). */
export type PatchFailureReason = "BadRequest" | "Invalid" | "RequestEntityTooLarge" | "";

/** NewGenericServerResponse's text for a 422: what Kubernetes answers when applying a JSON patch fails. */
export const GENERIC_INVALID_MESSAGE = "the server rejected our request due to an error in our request";

export interface PatchErrorOptions {
  readonly code: 400 | 413 | 422 | 500;
  readonly reason: PatchFailureReason;
  /** Defaults to the message itself. */
  readonly statusMessage?: string;
}

export class PatchError extends Error {
  readonly code: 400 | 413 | 422 | 500;
  readonly reason: PatchFailureReason;
  readonly statusMessage: string;

  constructor(message: string, options: PatchErrorOptions) {
    super(message);
    this.name = new.target.name;
    this.code = options.code;
    this.reason = options.reason;
    this.statusMessage = options.statusMessage ?? message;
  }
}

/** 400 BadRequest carrying the message. */
export const badRequest: PatchErrorOptions = { code: 400, reason: "BadRequest" };
/** 422 Invalid with Kubernetes' generic sentence in place of the detail. */
export const genericInvalid: PatchErrorOptions = {
  code: 422,
  reason: "Invalid",
  statusMessage: GENERIC_INVALID_MESSAGE,
};
/** A plain error the API server does not classify: 500 with the message. */
export const internalFailure: PatchErrorOptions = { code: 500, reason: "" };
