import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ApiRequest } from "./api-request";
import { ApiError } from "./status";
import { answerSelfSubjectReview } from "./self-subject-review";

// `kubectl auth whoami` as kubectl 1.35 really sends it: protobuf, in a schema newer than the ones we carry.
const recorded = readFileSync(new URL("./protobuf/testdata/kubectl-1.35/auth-whoami.pb", import.meta.url));
const user = { username: "alice", uid: "u-1", groups: ["devs", "system:authenticated"], extra: { "x/y": ["z"] } };

const request = (body: Uint8Array | string, contentType: string): ApiRequest => ({
  user,
  method: "POST",
  path: "/apis/authentication.k8s.io/v1/selfsubjectreviews",
  query: new URLSearchParams(),
  accept: "application/json",
  contentType,
  body: typeof body === "string" ? Buffer.from(body) : body,
  signal: new AbortController().signal,
});

describe("SelfSubjectReview", () => {
  it("answers kubectl 1.35's protobuf request with the caller's identity", () => {
    expect(answerSelfSubjectReview(request(recorded, "application/vnd.kubernetes.protobuf"))).toEqual({
      kind: "SelfSubjectReview",
      apiVersion: "authentication.k8s.io/v1",
      metadata: { creationTimestamp: null },
      status: { userInfo: { username: "alice", uid: "u-1", groups: ["devs", "system:authenticated"], extra: { "x/y": ["z"] } } },
    });
  });

  it("echoes a JSON request's metadata and leaves out what the user does not have", () => {
    const review = answerSelfSubjectReview({
      ...request('{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview","metadata":{"name":"me"}}', "application/json"),
      user: { username: "system:anonymous", uid: "", groups: [] },
    });
    expect(review).toEqual({
      kind: "SelfSubjectReview",
      apiVersion: "authentication.k8s.io/v1",
      metadata: { name: "me" },
      status: { userInfo: { username: "system:anonymous" } },
    });
  });

  it("refuses a protobuf body that is not a SelfSubjectReview, and an empty body, with 400", () => {
    const other = Buffer.from(recorded);
    other.write("SelfSubjectRevieW", other.indexOf("SelfSubjectReview"));
    for (const [body, type] of [[other, "application/vnd.kubernetes.protobuf"], ["", "application/json"]] as const) {
      let caught: unknown;
      try {
        answerSelfSubjectReview(request(body, type));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ApiError);
      expect((caught as ApiError).code).toBe(400);
    }
  });
});
