import { crudVerbs, type ResourceType, type Subresource } from "../resources/resource-type";
import { conditionIsTrue, type Crd } from "./crd-object";

/**
 * The resource types an established CRD serves: one per served version, under the names the CRD was granted
 * (status.acceptedNames, as the real API server serves them). A CRD that is not established serves nothing.
 */
export function customResourceTypes(crd: Crd): ResourceType[] {
  const names = crd.acceptedNames;
  if (!names || names.plural === "" || names.kind === "" || !conditionIsTrue(crd, "Established")) return [];
  const storageVersion = crd.versions.find((v) => v.storage)?.name ?? "";
  return crd.versions
    .filter((v) => v.served && v.name !== "")
    .sort((a, b) => compareVersions(a.name, b.name))
    .map((version) => {
      const subresources: Subresource[] = [];
      if (version.status) subresources.push({ name: "status", kind: names.kind, verbs: ["get", "patch", "update"] });
      if (version.scale) {
        subresources.push({ name: "scale", kind: "Scale", group: "autoscaling", version: "v1", verbs: ["get", "patch", "update"] });
      }
      return {
        group: crd.group,
        version: version.name,
        kind: names.kind,
        listKind: names.listKind || `${names.kind}List`,
        plural: names.plural,
        singular: names.singular || names.kind.toLowerCase(),
        shortNames: names.shortNames,
        categories: names.categories,
        namespaced: crd.scope === "Namespaced",
        verbs: crudVerbs,
        subresources,
        custom: {
          crd: crd.name,
          storageVersion,
          ...(version.schema ? { schema: version.schema } : {}),
          printerColumns: version.printerColumns,
          ...(version.scale ? { scale: version.scale } : {}),
          terminating: crd.terminating,
        },
      };
    });
}

const kubeVersion = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

/**
 * Kubernetes' version priority (discovery lists versions in it; the first is preferred): GA before beta before
 * alpha, higher numbers first, then anything else alphabetically.
 */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] | undefined => {
    const m = kubeVersion.exec(v);
    if (!m) return undefined;
    const stability = m[2] === undefined ? 3 : m[2] === "beta" ? 2 : 1;
    return [stability, Number(m[1]), Number(m[3] ?? 0)];
  };
  const ra = rank(a);
  const rb = rank(b);
  if (ra && rb) return rb[0] - ra[0] || rb[1] - ra[1] || rb[2] - ra[2];
  if (ra) return -1;
  if (rb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
