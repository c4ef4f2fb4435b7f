import type { KubeClient } from "../client/kube-client";
import type { DescribeSource } from "../describe";

const basePath = (group: string, version: string) => (group ? `/apis/${group}/${version}` : `/api/${version}`);

/** What describers read, over kubectl's client; lists the user may not read come back empty, as in kubectl. */
export function clientDescribeSource(client: KubeClient): DescribeSource {
  return {
    async list({ group, version, resource, namespace, labelSelector, fieldSelector }) {
      const path = `${basePath(group, version)}${namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ""}/${resource}`;
      const query: Record<string, string> = {};
      if (labelSelector) query.labelSelector = labelSelector;
      if (fieldSelector) query.fieldSelector = fieldSelector;
      try {
        return (await client.list(path, query)).items;
      } catch {
        return [];
      }
    },
    async get({ group, version, resource, namespace, name }) {
      const path = `${basePath(group, version)}${namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ""}/${resource}/${encodeURIComponent(name)}`;
      try {
        return (await client.get(path));
      } catch {
        return undefined;
      }
    },
  };
}
