import type { Describer } from "./source";
import { DescribeWriter as Writer, annotationsMultiline, at, labelsMultiline, list, record, str } from "./writer";

type Rule = { verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames: string[]; nonResourceURLs: string[] };

/** kubectl's BreakdownRule + CompactRules: one row per group/resource/name with its verbs merged. */
export function compactRules(rules: Record<string, unknown>[]): Rule[] {
  const compacted: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const raw of rules) {
    const verbs = list<string>(raw.verbs);
    const names = list<string>(raw.resourceNames);
    for (const group of list<string>(raw.apiGroups)) {
      for (const resource of list<string>(raw.resources)) {
        for (const verb of verbs) {
          for (const name of names.length > 0 ? names : [undefined]) {
            const key = JSON.stringify([group, resource, name ?? null]);
            const existing = simple.get(key);
            if (existing) {
              if (!existing.verbs.includes(verb)) existing.verbs.push(verb);
            } else {
              simple.set(key, { verbs: [verb], apiGroups: [group], resources: [resource], resourceNames: name === undefined ? [] : [name], nonResourceURLs: [] });
            }
          }
        }
      }
    }
    for (const url of list<string>(raw.nonResourceURLs)) for (const verb of verbs) compacted.push({ verbs: [verb], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [url] });
  }
  const all = [...compacted, ...simple.values()];
  // Sorted by the rule's Go String() form, which starts with the verbs.
  const key = (r: Rule) => `&PolicyRule{Verbs:[${r.verbs.join(" ")}],APIGroups:[${r.apiGroups.join(" ")}],Resources:[${r.resources.join(" ")}],ResourceNames:[${r.resourceNames.join(" ")}],NonResourceURLs:[${r.nonResourceURLs.join(" ")}],}`;
  return all.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function combineResourceGroup(resources: string[], groups: string[]): string {
  if (resources.length === 0) return "";
  const [name, sub] = resources[0]!.split(/\/(.*)/s);
  let text = name ?? "";
  if (groups.length > 0 && groups[0] !== "") text += `.${groups[0]}`;
  if (sub !== undefined) text += `/${sub}`;
  return text;
}

export const describeRole: Describer = (role) => {
  const w = new Writer();
  w.write(0, `Name:\t${role.metadata?.name ?? ""}\n`);
  labelsMultiline(w, "Labels", role.metadata?.labels);
  annotationsMultiline(w, "Annotations", role.metadata?.annotations);
  w.write(0, "PolicyRule:\n");
  w.write(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
  w.write(1, "---------\t-----------------\t--------------\t-----\n");
  for (const r of compactRules(list(role.rules))) {
    w.write(1, `${combineResourceGroup(r.resources, r.apiGroups)}\t[${r.nonResourceURLs.join(" ")}]\t[${r.resourceNames.join(" ")}]\t[${r.verbs.join(" ")}]\n`);
  }
  return Promise.resolve(w.toString());
};

export const describeRoleBinding: Describer = (binding) => {
  const w = new Writer();
  w.write(0, `Name:\t${binding.metadata?.name ?? ""}\n`);
  labelsMultiline(w, "Labels", binding.metadata?.labels);
  annotationsMultiline(w, "Annotations", binding.metadata?.annotations);
  w.write(0, "Role:\n");
  w.write(1, `Kind:\t${str(at(binding, "roleRef", "kind"))}\n`);
  w.write(1, `Name:\t${str(at(binding, "roleRef", "name"))}\n`);
  w.write(0, "Subjects:\n");
  w.write(1, "Kind\tName\tNamespace\n");
  w.write(1, "----\t----\t---------\n");
  for (const s of list(binding.subjects)) w.write(1, `${str(s.kind)}\t${str(s.name)}\t${str(record(s).namespace)}\n`);
  return Promise.resolve(w.toString());
};
