import type { UserInfo } from "../auth/user-info";
import type { ApiRequest } from "./api-request";
import { decodeObjectBody, mediaType } from "./decode-body";
import { KUBERNETES_PROTOBUF_MEDIA_TYPE } from "./protobuf/decode-kubernetes-protobuf";
import type { DecodeContext } from "./protobuf/decode-context";
import { messageToRaw } from "./protobuf/message-to-json";
import { ProtobufBodyError } from "./protobuf/protobuf-body-error";
import { PROTOBUF_MAGIC, startsWith } from "./protobuf/well-known-types";
import { badRequest } from "./status";

const API_VERSION = "authentication.k8s.io/v1";
const KIND = "SelfSubjectReview";

/**
 * SelfSubjectReview (`kubectl auth whoami`, 1.28+): who the server takes the caller to be. Like Kubernetes it
 * echoes the request's metadata and answers with the authenticated user's name, uid, groups and extra.
 */
export function answerSelfSubjectReview(request: ApiRequest): unknown {
  const body = readReview(request) as { metadata?: unknown } | null;
  const metadata = body && typeof body.metadata === "object" && body.metadata !== null ? body.metadata : { creationTimestamp: null };
  return { kind: KIND, apiVersion: API_VERSION, metadata, status: { userInfo: userInfoOf(request.user) } };
}

/** authenticationv1.UserInfo as Go encodes it: empty uid, groups and extra are left out. */
function userInfoOf(user: UserInfo): Record<string, unknown> {
  return {
    username: user.username,
    ...(user.uid ? { uid: user.uid } : {}),
    ...(user.groups.length > 0 ? { groups: user.groups } : {}),
    ...(user.extra && Object.keys(user.extra).length > 0 ? { extra: user.extra } : {}),
  };
}

/**
 * The request body. kubectl 1.32+ sends it as protobuf, and the protobuf schemas kubeclass carries (1.21's)
 * predate SelfSubjectReview; the review has no input fields, so for protobuf only the envelope is read, to check
 * the body is a SelfSubjectReview at all.
 */
function readReview(request: ApiRequest): unknown {
  if (mediaType(request.contentType) !== KUBERNETES_PROTOBUF_MEDIA_TYPE) {
    return decodeObjectBody(request.body, request.contentType, KIND);
  }
  const bytes = request.body ?? new Uint8Array();
  if (!startsWith(bytes, PROTOBUF_MAGIC)) throw new ProtobufBodyError('the body does not start with "k8s\\x00"');
  const ctx: DecodeContext = { maxDepth: 10, depth: 0, remainingValues: 1000, decodeEmbedded: () => undefined };
  const envelope = messageToRaw("k8s.io.apimachinery.pkg.runtime.Unknown", bytes.subarray(PROTOBUF_MAGIC.length), ctx, "") as {
    apiVersion?: string;
    kind?: string;
  };
  if (envelope.apiVersion !== API_VERSION || envelope.kind !== KIND) {
    throw badRequest(`the object provided is unrecognized (must be of type ${KIND}): ${envelope.apiVersion ?? ""}, Kind=${envelope.kind ?? ""}`);
  }
  return null;
}
