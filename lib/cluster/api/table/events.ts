import type { Event } from "kubernetes-types/core/v1";
import { column, nameColumn, wide } from "./columns";
import { docs } from "./descriptions";
import { parseTime, timestampSince } from "./format";
import { definePrinter } from "./types";

/** formatEventSource: component (or reportingController), then `, host` (or reportingInstance) when known. */
function eventSource(event: Event): string {
  const component = event.source?.component || event.reportingComponent || "";
  const instance = event.source?.host || event.reportingInstance || "";
  return instance ? `${component}, ${instance}` : component;
}

export const eventPrinter = definePrinter<Event>({
  columns: [
    column("Last Seen", "string", docs.eventLastTimestamp),
    column("Type", "string", docs.eventType),
    column("Reason", "string", docs.eventReason),
    column("Object", "string", docs.eventInvolvedObject),
    wide("Subobject", "string", docs.eventFieldPath),
    wide("Source", "string", docs.eventSource),
    column("Message", "string", docs.eventMessage),
    wide("First Seen", "string", docs.eventFirstTimestamp),
    wide("Count", "string", docs.eventCount),
    { ...nameColumn, priority: 1 },
  ],
  cells(event, { now }) {
    // Events from the events.k8s.io API carry eventTime and series instead of the legacy timestamps and count.
    const firstSeen = parseTime(event.firstTimestamp)
      ? timestampSince(event.firstTimestamp, now)
      : timestampSince(event.eventTime, now);
    let lastSeen = parseTime(event.lastTimestamp) ? timestampSince(event.lastTimestamp, now) : firstSeen;
    let count = event.count ?? 0;
    if (event.series) {
      lastSeen = timestampSince(event.series.lastObservedTime, now);
      count = event.series.count ?? 0;
    } else if (count === 0) {
      count = 1;
    }
    const kind = (event.involvedObject?.kind ?? "").toLowerCase();
    const name = event.involvedObject?.name;
    return [
      lastSeen,
      event.type ?? "",
      event.reason ?? "",
      name ? `${kind}/${name}` : kind,
      event.involvedObject?.fieldPath ?? "",
      eventSource(event),
      (event.message ?? "").trim(),
      firstSeen,
      count,
      event.metadata?.name ?? "",
    ];
  },
});
