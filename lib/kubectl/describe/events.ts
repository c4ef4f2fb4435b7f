import { humanDuration } from "../../cluster/api/table/format";
import type { DescribeSource } from "./source";
import { type DescribeWriter, type Obj, at, num, str } from "./writer";

/** The events about an object, as kubectl's searchEvents selects them (name, namespace, kind, uid). */
export async function eventsFor(source: DescribeSource, object: Obj, kind: string): Promise<Obj[]> {
  const meta = object.metadata ?? {};
  const fields = [`involvedObject.name=${meta.name ?? ""}`, `involvedObject.namespace=${meta.namespace ?? ""}`, `involvedObject.kind=${kind}`];
  if (meta.uid) fields.push(`involvedObject.uid=${meta.uid}`);
  return source.list({ group: "", version: "v1", resource: "events", ...(meta.namespace ? { namespace: meta.namespace } : {}), fieldSelector: fields.join(",") });
}

/** kubectl's age of a timestamp: `<unknown>` when unset. */
export function since(timestamp: unknown, now: Date): string {
  const at = Date.parse(str(timestamp));
  if (!str(timestamp) || Number.isNaN(at)) return "<unknown>";
  return humanDuration(now.getTime() - at);
}

const lastSeen = (event: Obj) => Date.parse(str(event.lastTimestamp)) || 0;

/** The Events section: oldest first by lastTimestamp, `<none>` when there are none. */
export function describeEvents(w: DescribeWriter, events: Obj[] | undefined, now: Date): void {
  if (events === undefined) return;
  if (events.length === 0) return w.write(0, "Events:\t<none>\n");
  const sorted = [...events].sort((a, b) => lastSeen(a) - lastSeen(b));
  w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
  w.write(1, "----\t------\t----\t----\t-------\n");
  for (const e of sorted) {
    const first = str(e.eventTime) !== "" ? since(e.eventTime, now) : since(e.firstTimestamp, now);
    const series = at(e, "series") as { lastObservedTime?: string; count?: number } | undefined;
    const interval = series
      ? `${since(series.lastObservedTime, now)} (x${num(series.count)} over ${first})`
      : num(e.count) > 1
        ? `${since(e.lastTimestamp, now)} (x${num(e.count)} over ${first})`
        : first;
    const from = str(at(e, "source", "component")) || str(e.reportingController);
    let message = str(e.message).trim();
    const fieldPath = str(at(e, "involvedObject", "fieldPath"));
    if (fieldPath !== "") message = `${fieldPath}: ${message}`;
    w.write(1, `${str(e.type)}\t${str(e.reason)}\t${interval}\t${from}\t${message}\n`);
  }
}
