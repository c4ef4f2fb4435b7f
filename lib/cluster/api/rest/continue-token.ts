import { badRequest, expired } from "../status";

/** Opaque to clients, as in Kubernetes: where the last page ended and the revision the listing is pinned to. */
export type ContinuePosition = { revision: string; after: { namespace: string; name: string } };

export function encodeContinue(position: ContinuePosition): string {
  return Buffer.from(JSON.stringify({ v: 1, rv: position.revision, ns: position.after.namespace, n: position.after.name }))
    .toString("base64url");
}

export function decodeContinue(token: string): ContinuePosition {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as Record<string, unknown>;
    if (parsed.v === 1 && typeof parsed.rv === "string" && /^[1-9][0-9]{0,18}$/.test(parsed.rv) && typeof parsed.ns === "string" && typeof parsed.n === "string" && !`${parsed.ns}${parsed.n}`.includes("\u0000")) {
      return { revision: parsed.rv, after: { namespace: parsed.ns, name: parsed.n } };
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
}

export const continueExpired = () =>
  expired(
    "The provided continue parameter is too old to display a consistent list result. You can start a new list " +
      "without the continue parameter, or use the continue token in this response to retrieve the remainder of " +
      "the results. Continuing with the provided token results in an inconsistent list - objects that were " +
      "created, modified, or deleted between the time the first chunk was returned and now may show up in the list.",
  );
