import type { ConfigMap, Namespace, ResourceQuota, Secret, ServiceAccount } from "kubernetes-types/core/v1";
import { ageColumn, column, nameColumn } from "./columns";
import { docs } from "./descriptions";
import { age, quantityString } from "./format";
import { definePrinter } from "./types";

const count = (map: Record<string, unknown> | undefined) => Object.keys(map ?? {}).length;

export const namespacePrinter = definePrinter<Namespace>({
  columns: [nameColumn, column("Status", "string", "The status of the namespace"), ageColumn],
  cells: (ns, { now }) => [ns.metadata?.name ?? "", ns.status?.phase ?? "", age(ns, now)],
});

export const configMapPrinter = definePrinter<ConfigMap>({
  columns: [nameColumn, column("Data", "string", docs.configMapData), ageColumn],
  cells: (cm, { now }) => [cm.metadata?.name ?? "", count(cm.data) + count(cm.binaryData), age(cm, now)],
});

export const secretPrinter = definePrinter<Secret>({
  columns: [
    nameColumn,
    column("Type", "string", docs.secretType),
    column("Data", "string", docs.secretData),
    ageColumn,
  ],
  // stringData is merged into data on write, so data alone is what a stored Secret holds.
  cells: (s, { now }) => [s.metadata?.name ?? "", s.type ?? "", count(s.data), age(s, now)],
});

export const serviceAccountPrinter = definePrinter<ServiceAccount>({
  columns: [nameColumn, column("Secrets", "string", docs.serviceAccountSecrets), ageColumn],
  cells: (sa, { now }) => [sa.metadata?.name ?? "", sa.secrets?.length ?? 0, age(sa, now)],
});

/** REQUEST and LIMIT: `name: used/hard` for every hard limit, sorted by name; `limits.*` go to LIMIT. */
function quotaColumns(quota: ResourceQuota): [string, string] {
  const hard = quota.status?.hard ?? {};
  const used = quota.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(hard).sort()) {
    const pieces = name.split(".");
    const target = pieces.length > 1 && pieces[0] === "limits" ? limit : request;
    target.push(`${name}: ${quantityString(used[name])}/${quantityString(hard[name])}`);
  }
  return [request.join(", "), limit.join(", ")];
}

export const resourceQuotaPrinter = definePrinter<ResourceQuota>({
  // Since Kubernetes 1.33 AGE comes last (it used to follow NAME).
  columns: [
    nameColumn,
    column("Request", "string", "Request represents a minimum amount of cpu/memory that a container may consume."),
    column(
      "Limit",
      "string",
      "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.",
    ),
    ageColumn,
  ],
  cells(quota, { now }) {
    const [request, limit] = quotaColumns(quota);
    return [quota.metadata?.name ?? "", request, limit, age(quota, now)];
  },
});
