import { ExpiredError, SlowWatcherError } from "../../store/errors";
import type { KubeObject } from "../../store/object-store";
import type { ApiRequest } from "../api-request";
import { ApiError, badRequest, expired, invalid } from "../status";
import { presenterFor } from "../crd/write-hooks";
import { asTableIfAsked, wantsTable } from "../table-negotiation";
import type { IncludeObject } from "../table/types";
import type { ApiContext } from "./api-context";
import type { Target } from "./target";
import { checkListOptions } from "./list-options";
import { DEFAULT_BOOKMARK_INTERVAL_MS, WatchBookmarks, wantsBookmarks } from "./watch-bookmarks";
import { watchObjects } from "./watch-objects";

const MAX_TIMEOUT_SECONDS = 1800;

type WireEvent = { type: string; object: unknown };
const sharedEvents = new WeakMap<object, Partial<Record<string, WireEvent>>>();

/**
 * `{type, object}` for a plain-JSON watcher. When the object is a shared, frozen watch object (one per change,
 * see watch-objects.ts) every watcher gets the same frozen event, so the HTTP adapter serialises each change once
 * per type, not once per watcher.
 */
function wireEvent(type: string, object: object): WireEvent {
  if (!Object.isFrozen(object)) return { type, object };
  let byType = sharedEvents.get(object);
  if (!byType) sharedEvents.set(object, (byType = {}));
  return (byType[type] ??= Object.freeze({ type, object }));
}

/**
 * The events of a watch request as they go on the wire: `{type, object}`, objects rendered as one-row Tables
 * when the client asked for Tables (kubectl get -w), and an ERROR event carrying a Status when the watch cannot
 * go on (e.g. 410 Expired: the client lists again and resumes from there).
 */
export async function* watchEvents(
  ctx: ApiContext,
  target: Target,
  request: ApiRequest,
  matches: ((object: KubeObject) => boolean) | undefined,
): AsyncGenerator<unknown> {
  const timeout = timeoutOf(request.query.get("timeoutSeconds"));
  // A timer we hold (not AbortSignal.timeout, which garbage collection may drop before it fires).
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), timeout * 1000);
  const onClientGone = () => stop.abort();
  request.signal.addEventListener("abort", onClientGone);
  const signal = stop.signal;
  const include = (request.query.get("includeObject") as IncludeObject | null) ?? "Metadata";
  const table = wantsTable(request.accept);
  let first = true;
  const resourceVersion = request.query.get("resourceVersion") ?? undefined;
  const bookmarks = wantsBookmarks(request.query)
    ? new WatchBookmarks(target.type, ctx.watchBookmarkIntervalMs ?? DEFAULT_BOOKMARK_INTERVAL_MS, timeout * 1000, () => stop.abort())
    : undefined;
  const options = { ...(resourceVersion !== undefined ? { resourceVersion } : {}), ...(matches ? { matches } : {}), signal, ...(bookmarks ? { onProgress: bookmarks.progress } : {}) };
  const events = watchObjects(ctx, target, options);
  const present = presenterFor(target.type);
  try {
    for await (const raw of bookmarks ? bookmarks.wrap(events) : events) {
      // Custom objects are shown with read-time defaults, in the watched version.
      const event = raw.type === "BOOKMARK" ? raw : { ...raw, object: present(raw.object) };
      if (!table) {
        yield wireEvent(event.type, event.object);
        continue;
      }
      const object = asTableIfAsked(
        request.accept,
        target.type,
        [event.object],
        ctx.clock.now(),
        { resourceVersion: event.object.metadata.resourceVersion },
        event.object,
        include,
        !first,
      );
      first = false;
      yield { type: event.type, object };
    }
  } catch (error) {
    // Aborted by the client or the timeout, or dropped for falling too far behind: end the stream; clients
    // watch again from their last revision (as after Kubernetes' slow-watcher close).
    if (signal.aborted || error instanceof SlowWatcherError) return;
    if (error instanceof ExpiredError) {
      yield { type: "ERROR", object: expired(`too old resource version: ${resourceVersion ?? ""} (${error.message})`).toStatus() };
      return;
    }
    if (error instanceof ApiError) {
      yield { type: "ERROR", object: error.toStatus() };
      return;
    }
    throw error;
  } finally {
    clearTimeout(timer);
    request.signal.removeEventListener("abort", onClientGone);
  }
}

/** Checks that must fail the request itself (an HTTP error), before the stream's 200 is sent. */
export function checkWatchRequest(query: URLSearchParams): void {
  // Streaming lists are not offered; clients fall back to list + watch when sendInitialEvents is refused.
  checkListOptions(query, true);
  timeoutOf(query.get("timeoutSeconds"));
  const resourceVersion = query.get("resourceVersion");
  if (resourceVersion !== null && resourceVersion !== "" && !isRevision(resourceVersion)) {
    throw invalid("ListOptions", "meta.k8s.io", "", [
      { reason: "FieldValueInvalid", message: `Invalid value: "${resourceVersion}": must be a non-negative integer`, field: "resourceVersion" },
    ]);
  }
}

/** A resourceVersion this server can have issued: a non-negative integer within int64. */
export function isRevision(value: string): boolean {
  return /^(0|[1-9][0-9]{0,18})$/.test(value) && BigInt(value) <= 9223372036854775807n;
}

function timeoutOf(raw: string | null): number {
  if (raw === null || raw === "") return MAX_TIMEOUT_SECONDS;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 0) throw badRequest(`timeoutSeconds: Invalid value: "${raw}"`);
  return seconds === 0 ? MAX_TIMEOUT_SECONDS : Math.min(seconds, MAX_TIMEOUT_SECONDS);
}
