import { describeEvents, eventsFor } from "./events";
import type { DescribeSource, Describer } from "./source";
import { type DescribeWriter, type Obj, DescribeWriter as Writer, annotationsMultiline, at, labelsMultiline, list, quantity, record, rfc1123z, str } from "./writer";

function header(w: DescribeWriter, object: Obj, namespaced = true): void {
  w.write(0, `Name:\t${object.metadata?.name ?? ""}\n`);
  if (namespaced) w.write(0, `Namespace:\t${object.metadata?.namespace ?? ""}\n`);
  labelsMultiline(w, "Labels", object.metadata?.labels);
  annotationsMultiline(w, "Annotations", object.metadata?.annotations);
}

const byteLength = (base64: string) => Buffer.from(base64, "base64").length;

export const describeConfigMap: Describer = async (cm, source, options) => {
  const w = new Writer();
  header(w, cm);
  w.write(0, "\nData\n====\n");
  const data = record(cm.data);
  for (const key of Object.keys(data).sort()) {
    w.write(0, `${key}:\n----\n`);
    w.write(0, `${str(data[key])}\n`);
    w.write(0, "\n");
  }
  w.write(0, "\nBinaryData\n====\n");
  const binary = record(cm.binaryData);
  for (const key of Object.keys(binary).sort()) w.write(0, `${key}: ${byteLength(str(binary[key]))} bytes\n`);
  w.write(0, "\n");
  if (options.showEvents) describeEvents(w, await eventsFor(source, cm, "ConfigMap"), options.now);
  return w.toString();
};

/** Secrets show sizes, never values (except a service-account token, as kubectl does). */
export const describeSecret: Describer = (secret) => {
  const w = new Writer();
  header(w, secret);
  w.write(0, `\nType:\t${str(secret.type)}\n`);
  w.write(0, "\nData\n====\n");
  const data = record(secret.data);
  for (const key of Object.keys(data).sort()) {
    if (key === "token" && secret.type === "kubernetes.io/service-account-token") w.write(0, `${key}:\t${Buffer.from(str(data[key]), "base64").toString("utf8")}\n`);
    else w.write(0, `${key}:\t${byteLength(str(data[key]))} bytes\n`);
  }
  return Promise.resolve(w.toString());
};

export const describeServiceAccount: Describer = async (sa, source, options) => {
  const events = options.showEvents ? await eventsFor(source, sa, "ServiceAccount") : undefined;
  const w = new Writer();
  header(w, sa);
  const names = list(sa.imagePullSecrets).map((s) => str(s.name));
  if (names.length === 0) w.write(0, "Image pull secrets:\t<none>\n");
  names.forEach((name, i) => w.write(0, `${i === 0 ? "Image pull secrets:" : "                   "}\t${name}\n`));
  describeEvents(w, events, options.now);
  return w.toString();
};

const scopeHelp: Record<string, string> = {
  Terminating: "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.",
  NotTerminating: "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.",
  BestEffort: "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.",
  NotBestEffort: "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.",
};

function quotaRows(q: Obj): [string, string, string][] {
  const hard = record(at(q, "status", "hard"));
  const used = record(at(q, "status", "used"));
  return Object.keys(hard)
    .sort()
    .map((r) => [r, used[r] === undefined ? "0" : quantity(used[r]), quantity(hard[r])]);
}

export const describeResourceQuota: Describer = (q) => {
  const w = new Writer();
  w.write(0, `Name:\t${q.metadata?.name ?? ""}\n`);
  w.write(0, `Namespace:\t${q.metadata?.namespace ?? ""}\n`);
  const scopes = [...list<string>(at(q, "spec", "scopes"))].sort();
  if (scopes.length > 0) {
    w.write(0, `Scopes:\t${scopes.join(", ")}\n`);
    for (const s of scopes) if (scopeHelp[s]) w.write(0, ` * ${scopeHelp[s]}\n`);
  }
  w.write(0, "Resource\tUsed\tHard\n");
  w.write(0, "--------\t----\t----\n");
  for (const [r, u, h] of quotaRows(q)) w.write(0, `${r}\t${u}\t${h}\n`);
  return Promise.resolve(w.toString());
};

function limitRangeRows(w: DescribeWriter, lr: Obj, prefix: string): void {
  for (const item of list(at(lr, "spec", "limits"))) {
    const fields = ["min", "max", "defaultRequest", "default", "maxLimitRequestRatio"].map((f) => record(item[f]));
    // kubectl walks a Go map here (random order); sorted keeps the output stable.
    const names = [...new Set(fields.flatMap((f) => Object.keys(f)))].sort();
    for (const name of names) {
      const [min, max, defReq, def, ratio] = fields.map((f) => (f[name] === undefined ? "-" : quantity(f[name])));
      w.write(0, `${prefix}${str(item.type)}\t${name}\t${min}\t${max}\t${defReq}\t${def}\t${ratio}\n`);
    }
  }
}

export const describeLimitRange: Describer = (lr) => {
  const w = new Writer();
  w.write(0, `Name:\t${lr.metadata?.name ?? ""}\n`);
  w.write(0, `Namespace:\t${lr.metadata?.namespace ?? ""}\n`);
  w.write(0, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
  w.write(0, "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
  limitRangeRows(w, lr, "");
  return Promise.resolve(w.toString());
};

export const describeNamespace: Describer = async (ns, source: DescribeSource) => {
  const name = ns.metadata?.name ?? "";
  const quotas = (await source.list({ group: "", version: "v1", resource: "resourcequotas", namespace: name })).sort((a, b) => ((a.metadata?.name ?? "") < (b.metadata?.name ?? "") ? -1 : 1));
  const limits = await source.list({ group: "", version: "v1", resource: "limitranges", namespace: name });
  const w = new Writer();
  header(w, ns, false);
  w.write(0, `Status:\t${str(at(ns, "status", "phase"))}\n`);
  const conditions = list(at(ns, "status", "conditions"));
  if (conditions.length > 0) {
    w.write(0, "Conditions:\n");
    w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t------------------\t------\t-------\n");
    for (const c of conditions) w.write(1, `${str(c.type)}\t${str(c.status)}\t${rfc1123z(c.lastTransitionTime)}\t${str(c.reason)}\t${str(c.message)}\n`);
  }
  w.write(0, "\n");
  if (quotas.length === 0) w.write(0, "No resource quota.\n");
  else {
    w.write(0, "Resource Quotas\n");
    for (const q of quotas) {
      w.write(1, `Name:\t${q.metadata?.name ?? ""}\n`);
      const scopes = [...list<string>(at(q, "spec", "scopes"))].sort();
      if (scopes.length > 0) {
        w.write(1, `Scopes:\t${scopes.join(", ")}\n`);
        for (const s of scopes) if (scopeHelp[s]) w.write(1, `* ${scopeHelp[s]}\n`);
      }
      w.write(1, "Resource\tUsed\tHard\n");
      w.write(1, "--------\t---\t---\n");
      for (const [r, u, h] of quotaRows(q)) w.write(1, `${r}\t${u}\t${h}\n`);
    }
  }
  w.write(0, "\n");
  if (limits.length === 0) w.write(0, "No LimitRange resource.\n");
  else {
    w.write(0, "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n");
    w.write(0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
    for (const lr of limits) limitRangeRows(w, lr, " ");
  }
  return w.toString();
};
