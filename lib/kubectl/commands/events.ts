import type { KubeObject } from "../client/kube-client";
import { flag, type Command, type CommandContext } from "../command";
import { since } from "../describe/events";
import { CommandError } from "../errors";
import { executeJsonPath } from "../printers/jsonpath";
import { toJson } from "../printers/json";
import { parseOutputFormat, type OutputFormat } from "../printers/output-format";
import { TabWriter } from "../printers/tab-writer";
import { toYaml } from "../printers/yaml";
import { withoutManagedFields } from "./get/print-objects";
import { resolveResource } from "../resources/resolve-resource";

type Event = KubeObject & {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  eventTime?: string | null;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  series?: { count?: number; lastObservedTime?: string };
  involvedObject?: { kind?: string; name?: string };
};

/** `kubectl events` (1.26+): the namespace's Events oldest first, as LAST SEEN, TYPE, REASON, OBJECT, MESSAGE. */
export const eventsCommand: Command = {
  name: "events",
  short: "List events",
  usage: "kubectl events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning]",
  flags: [
    flag("all-namespaces", "A", "bool", "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace."),
    flag("for", undefined, "string", "Filter events to only those pertaining to the specified resource."),
    flag("types", undefined, "stringSlice", "Output only events of given types."),
    flag("watch", "w", "bool", "After listing the requested events, watch for more events."),
    flag("no-headers", undefined, "bool", "When using the default output format, don't print headers."),
    flag("chunk-size", undefined, "int", "Return large lists in chunks rather than all at once. Pass 0 to disable.", 500),
    flag("output", "o", "string", "Output format. One of: (json, yaml, kyaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    flag("show-managed-fields", undefined, "bool", "If true, keep the managedFields when printing objects in JSON or YAML format."),
  ],
  run: runEvents,
};

async function runEvents(ctx: CommandContext): Promise<number> {
  if (ctx.args.length > 0) throw new CommandError(`unknown command "${ctx.args[0] ?? ""}" for "kubectl events"`);
  const types = ctx.flags.strings("types");
  for (const t of types) if (!/^(normal|warning)$/i.test(t)) throw new CommandError("valid --types are Normal or Warning");
  const all = ctx.flags.bool("all-namespaces");
  const format = parseOutputFormat(ctx.flags.string("output"));
  if (format.kind === "table" && ctx.flags.changed("output")) throw new CommandError(`unable to match a printer suitable for the output format "${ctx.flags.string("output")}", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,go-template,go-template-file,template,templatefile,yaml`);
  if (format.kind === "custom-columns") throw new CommandError("custom-columns output is not supported by kubectl events");
  const query: Record<string, string> = {};
  const chunk = ctx.flags.int("chunk-size");
  if (chunk > 0) query.limit = String(chunk);
  const target = ctx.flags.string("for");
  if (target) {
    const [type, name, ...rest] = target.split("/");
    if (type === undefined || name === undefined || rest.length > 0) throw new CommandError("--for must be in resource/name form");
    const [resource] = await resolveResource(ctx.discovery, type);
    if (resource) query.fieldSelector = `involvedObject.kind=${resource.kind},involvedObject.name=${name}`;
  }
  const namespace = all ? undefined : ctx.namespace;
  const path = namespace === undefined ? "/api/v1/events" : `/api/v1/namespaces/${namespace}/events`;
  const wanted = (e: Event) => types.length === 0 || types.some((t) => t.toLowerCase() === (e.type ?? "").toLowerCase());
  const writer = new TabWriter({ minWidth: 6, padding: 3, rememberWidths: true });
  let headerDone = ctx.flags.bool("no-headers");
  const print = (events: Event[]) => {
    if (format.kind !== "table") {
      for (const e of events) printObject(ctx, format, e);
      return;
    }
    if (!headerDone && events.length > 0) {
      writer.row([...(all ? ["NAMESPACE"] : []), "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]);
      headerDone = true;
    }
    for (const e of events) writer.row(eventRow(e, all, ctx.io.now()));
    ctx.out(writer.flush());
  };

  if (ctx.flags.bool("watch")) {
    // No resourceVersion: the watch begins with the existing events as ADDED, as kubectl's does.
    delete query.limit;
    try {
      for await (const event of ctx.client.watch(path, query)) {
        if (event.type === "DELETED" || event.type === "BOOKMARK") continue;
        if (wanted(event.object)) print([event.object]);
      }
    } catch (error) {
      if (!ctx.io.signal.aborted) throw error;
    }
    return ctx.io.signal.aborted ? 130 : 0;
  }

  const list = await ctx.client.list(path, query);
  const events = (list.items as Event[]).filter(wanted);
  if (events.length === 0) {
    ctx.err(all ? "No events found.\n" : `No events found in ${ctx.namespace} namespace.\n`);
    return 0;
  }
  // SortableEvents: by the series' last observation, else lastTimestamp, else eventTime (a stable sort).
  const sorted = [...events].sort((a, b) => eventTime(a) - eventTime(b));
  if (format.kind === "table" || format.kind === "name") print(sorted);
  else printObject(ctx, format, { apiVersion: "v1", items: sorted.map(typed), kind: "EventList", metadata: list.metadata ?? {} });
  return 0;
}

const typed = (e: Event): Event => ({ ...e, apiVersion: "v1", kind: "Event" });

function printObject(ctx: CommandContext, format: Exclude<OutputFormat, { kind: "table" | "custom-columns" }>, object: KubeObject): void {
  const keep = ctx.flags.bool("show-managed-fields");
  const shown = (o: KubeObject): KubeObject => (keep ? o : withoutManagedFields(o));
  const full = Array.isArray(object.items) ? { ...object, items: (object.items as KubeObject[]).map(shown) } : shown(typed(object));
  if (format.kind === "name") ctx.out(`event/${object.metadata?.name ?? ""}\n`);
  else if (format.kind === "json") ctx.out(toJson(full));
  else if (format.kind === "yaml") ctx.out(toYaml(full));
  else ctx.out(executeJsonPath(format.template, full));
}

function eventTime(e: Event): number {
  const at = e.series?.lastObservedTime ?? (e.lastTimestamp || e.eventTime);
  return at ? Date.parse(at) || 0 : 0;
}

/** kubectl's event printer: the interval, the type, the reason, `Kind/name`, the message. */
function eventRow(e: Event, allNamespaces: boolean, now: Date): string[] {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  const interval = e.series
    ? `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`
    : (e.count ?? 0) > 1
      ? `${since(e.lastTimestamp, now)} (x${e.count ?? 0} over ${first})`
      : first;
  const object = `${e.involvedObject?.kind ?? ""}/${e.involvedObject?.name ?? ""}`;
  return [...(allNamespaces ? [e.metadata?.namespace ?? ""] : []), interval, e.type ?? "", e.reason ?? "", object, (e.message ?? "").trim()];
}
