import { humanDuration } from "../../cluster/api/table/format";
import { describeEvents, eventsFor } from "./events";
import { describePodTemplate } from "./pod-template";
import type { DescribeSource, Describer } from "./source";
import { type DescribeWriter, type Obj, DescribeWriter as Writer, annotationsMultiline, at, controlledBy, labelsMultiline, list, num, quantity, record, rfc1123z, str } from "./writer";

/** labels.Selector.String() of a LabelSelector: requirements sorted by key, set values sorted. "" selects all. */
export function selectorString(selector: unknown): string {
  const s = record(selector);
  const requirements: [string, string][] = Object.entries(record(s.matchLabels)).map(([k, v]) => [k, `${k}=${str(v)}`]);
  for (const e of list(s.matchExpressions)) {
    const key = str(e.key);
    const values = [...list<string>(e.values)].sort();
    const op = str(e.operator);
    if (op === "In") requirements.push([key, `${key} in (${values.join(",")})`]);
    else if (op === "NotIn") requirements.push([key, `${key} notin (${values.join(",")})`]);
    else if (op === "Exists") requirements.push([key, key]);
    else if (op === "DoesNotExist") requirements.push([key, `!${key}`]);
  }
  return requirements
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, text]) => text)
    .join(",");
}

const intOrString = (v: unknown) => (typeof v === "number" ? String(v) : str(v));

/** Running / Waiting / Succeeded / Failed counts of the pods a controller owns. */
async function podCounts(source: DescribeSource, object: Obj): Promise<string> {
  const pods = await source.list({ group: "", version: "v1", resource: "pods", ...(object.metadata?.namespace ? { namespace: object.metadata.namespace } : {}), labelSelector: selectorString(at(object, "spec", "selector")) });
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const pod of pods) {
    const owner = (pod.metadata?.ownerReferences ?? []).find((o) => o.controller === true);
    if (!owner || owner.uid !== object.metadata?.uid) continue;
    const phase = str(at(pod, "status", "phase")) as keyof typeof counts;
    if (phase in counts) counts[phase]++;
  }
  return `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`;
}

function header(w: DescribeWriter, object: Obj): void {
  w.write(0, `Name:\t${object.metadata?.name ?? ""}\n`);
  w.write(0, `Namespace:\t${object.metadata?.namespace ?? ""}\n`);
}

function conditionsWithReason(w: DescribeWriter, conditions: Record<string, unknown>[]): void {
  if (conditions.length === 0) return;
  w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
  w.write(1, "----\t------\t------\n");
  for (const c of conditions) w.write(1, `${str(c.type)} \t${str(c.status)}\t${str(c.reason)}\n`);
}

const withoutHash = (template: unknown) => {
  const t = structuredClone(record(template));
  const labels = record(at(t, "metadata", "labels"));
  delete labels["pod-template-hash"];
  return canonical(t);
};
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(",")}]`
    : value && typeof value === "object"
      ? `{${Object.keys(value)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
          .join(",")}}`
      : JSON.stringify(value);

export const describeDeployment: Describer = async (d, source, options) => {
  const events = options.showEvents ? await eventsFor(source, d, "Deployment") : undefined;
  const namespace = d.metadata?.namespace ?? "";
  const owned = (await source.list({ group: "apps", version: "v1", resource: "replicasets", namespace, labelSelector: selectorString(at(d, "spec", "selector")) })).filter((rs) =>
    (rs.metadata?.ownerReferences ?? []).some((o) => o.controller === true && o.uid === d.metadata?.uid),
  );
  const template = withoutHash(at(d, "spec", "template"));
  const newRS = owned
    .filter((rs) => withoutHash(at(rs, "spec", "template")) === template)
    .sort((a, b) => Date.parse(str(a.metadata?.creationTimestamp)) - Date.parse(str(b.metadata?.creationTimestamp)))[0];
  const oldRSs = owned.filter((rs) => rs !== newRS);
  const w = new Writer();
  const spec = record(d.spec);
  const status = record(d.status);
  header(w, d);
  w.write(0, `CreationTimestamp:\t${rfc1123z(d.metadata?.creationTimestamp)}\n`);
  labelsMultiline(w, "Labels", d.metadata?.labels);
  annotationsMultiline(w, "Annotations", d.metadata?.annotations);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  w.write(0, `Replicas:\t${num(spec.replicas)} desired | ${num(status.updatedReplicas)} updated | ${num(status.replicas)} total | ${num(status.availableReplicas)} available | ${num(status.unavailableReplicas)} unavailable\n`);
  w.write(0, `StrategyType:\t${str(at(spec, "strategy", "type"))}\n`);
  w.write(0, `MinReadySeconds:\t${num(spec.minReadySeconds)}\n`);
  const ru = at(spec, "strategy", "rollingUpdate");
  if (ru) w.write(0, `RollingUpdateStrategy:\t${intOrString(at(ru, "maxUnavailable"))} max unavailable, ${intOrString(at(ru, "maxSurge"))} max surge\n`);
  describePodTemplate(w, spec.template);
  conditionsWithReason(w, list(status.conditions));
  if (owned.length > 0) {
    const names = (items: Obj[]) => items.map((rs) => `${rs.metadata?.name ?? ""} (${num(at(rs, "status", "replicas"))}/${num(at(rs, "spec", "replicas"))} replicas created)`).join(", ") || "<none>";
    w.write(0, `OldReplicaSets:\t${names(oldRSs)}\n`);
    w.write(0, `NewReplicaSet:\t${names(newRS ? [newRS] : [])}\n`);
  }
  describeEvents(w, events, options.now);
  return w.toString();
};

export const describeReplicaSet: Describer = async (rs, source, options) => {
  const pods = await podCounts(source, rs);
  const events = options.showEvents ? await eventsFor(source, rs, "ReplicaSet") : undefined;
  const w = new Writer();
  header(w, rs);
  w.write(0, `Selector:\t${selectorString(at(rs, "spec", "selector"))}\n`);
  labelsMultiline(w, "Labels", rs.metadata?.labels);
  annotationsMultiline(w, "Annotations", rs.metadata?.annotations);
  const owner = controlledBy(rs.metadata);
  if (owner) w.write(0, `Controlled By:\t${owner}\n`);
  w.write(0, `Replicas:\t${num(at(rs, "status", "replicas"))} current / ${num(at(rs, "spec", "replicas"))} desired\n`);
  w.write(0, `Pods Status:\t${pods}\n`);
  describePodTemplate(w, at(rs, "spec", "template"));
  conditionsWithReason(w, list(at(rs, "status", "conditions")));
  describeEvents(w, events, options.now);
  return w.toString();
};

export const describeStatefulSet: Describer = async (ss, source, options) => {
  const pods = await podCounts(source, ss);
  const events = options.showEvents ? await eventsFor(source, ss, "StatefulSet") : undefined;
  const w = new Writer();
  const spec = record(ss.spec);
  header(w, ss);
  w.write(0, `CreationTimestamp:\t${rfc1123z(ss.metadata?.creationTimestamp)}\n`);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  labelsMultiline(w, "Labels", ss.metadata?.labels);
  annotationsMultiline(w, "Annotations", ss.metadata?.annotations);
  w.write(0, `Replicas:\t${num(spec.replicas)} desired | ${num(at(ss, "status", "replicas"))} total\n`);
  w.write(0, `Update Strategy:\t${str(at(spec, "updateStrategy", "type"))}\n`);
  const ru = record(at(spec, "updateStrategy", "rollingUpdate"));
  if (typeof ru.partition === "number") {
    w.write(1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${intOrString(ru.maxUnavailable)}\n`);
  }
  w.write(0, `Pods Status:\t${pods}\n`);
  describePodTemplate(w, spec.template);
  const templates = list(spec.volumeClaimTemplates);
  if (templates.length === 0) w.write(0, "Volume Claims:\t<none>\n");
  else {
    w.write(0, "Volume Claims:\n");
    for (const pvc of templates) {
      const meta = record(pvc.metadata);
      w.write(1, `Name:\t${str(meta.name)}\n`);
      w.write(1, `StorageClass:\t${str(at(pvc, "spec", "storageClassName")) || str(record(meta.annotations)["volume.beta.kubernetes.io/storage-class"])}\n`);
      labelsMultiline(w, "Labels", meta.labels as Record<string, string> | undefined, "  ");
      labelsMultiline(w, "Annotations", meta.annotations as Record<string, string> | undefined, "  ");
      const capacity = at(pvc, "spec", "resources", "requests", "storage");
      w.write(1, `Capacity:\t${capacity === undefined ? "<default>" : quantity(capacity)}\n`);
      w.write(1, `Access Modes:\t[${list<string>(at(pvc, "spec", "accessModes")).join(" ")}]\n`);
    }
  }
  describeEvents(w, events, options.now);
  return w.toString();
};

export const describeJob: Describer = async (job, source, options) => {
  const events = options.showEvents ? await eventsFor(source, job, "Job") : undefined;
  const w = new Writer();
  const spec = record(job.spec);
  const status = record(job.status);
  header(w, job);
  w.write(0, `Selector:\t${selectorString(spec.selector)}\n`);
  labelsMultiline(w, "Labels", job.metadata?.labels);
  annotationsMultiline(w, "Annotations", job.metadata?.annotations);
  const owner = controlledBy(job.metadata);
  if (owner) w.write(0, `Controlled By:\t${owner}\n`);
  if (typeof spec.parallelism === "number") w.write(0, `Parallelism:\t${spec.parallelism}\n`);
  w.write(0, `Completions:\t${typeof spec.completions === "number" ? spec.completions : "<unset>"}\n`);
  if (str(spec.completionMode)) w.write(0, `Completion Mode:\t${str(spec.completionMode)}\n`);
  if (typeof spec.suspend === "boolean") w.write(0, `Suspend:\t${spec.suspend}\n`);
  if (typeof spec.backoffLimit === "number") w.write(0, `Backoff Limit:\t${spec.backoffLimit}\n`);
  if (typeof spec.ttlSecondsAfterFinished === "number") w.write(0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  if (status.completionTime) w.write(0, `Completed At:\t${rfc1123z(status.completionTime)}\n`);
  if (status.startTime && status.completionTime) w.write(0, `Duration:\t${humanDuration(Date.parse(str(status.completionTime)) - Date.parse(str(status.startTime)))}\n`);
  if (typeof spec.activeDeadlineSeconds === "number") w.write(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  const counts = `${num(status.active)} Active${typeof status.ready === "number" ? ` (${status.ready} Ready)` : ""} / ${num(status.succeeded)} Succeeded / ${num(status.failed)} Failed`;
  w.write(0, `Pods Statuses:\t${counts}\n`);
  if (spec.completionMode === "Indexed") {
    const indexes = str(status.completedIndexes);
    const cut = indexes.indexOf(",", 50);
    w.write(0, `Completed Indexes:\t${indexes === "" ? "<none>" : cut === -1 || indexes.length <= 50 ? indexes : `${indexes.slice(0, cut + 1)}...`}\n`);
  }
  describePodTemplate(w, spec.template);
  describeEvents(w, events, options.now);
  return w.toString();
};
