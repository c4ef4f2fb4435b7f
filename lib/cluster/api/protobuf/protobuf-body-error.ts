import { ApiError } from "../status";

/**
 * A request body that is not a Kubernetes protobuf object we can read. It is an ApiError, so it reaches the
 * client as a 400 `Status` like any other bad body.
 */
export class ProtobufBodyError extends ApiError {
  constructor(readonly detail: string) {
    super(400, "BadRequest", `unable to decode protobuf body: ${detail}`);
    this.name = "ProtobufBodyError";
  }
}
