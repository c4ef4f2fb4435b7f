// homeFile: a file in the learner's terminal home (a kubeconfig they edited, a manifest they wrote). YAML fields
// are read with object paths plus a list selector, `contexts[name=dev].context.namespace`, because kubeconfigs
// (like most Kubernetes YAML) keep named entries in lists whose order means nothing.
import type { z } from "zod";
import { parse } from "yaml";
import type { homeFileCheck } from "../check-schema";
import { homeFileLabel, normaliseHomePath } from "../home-file-path";
import { deepEqual, show } from "../object-path";
import { fail, pass, type CheckEvaluator } from "./types";

type Segment = string | number | { key: string; value: string };

/** `a.b[0]["c.d"][name=dev]` → segments; `[key=value]` picks the first list item whose `key` equals `value`. */
export function parseYamlPath(path: string): Segment[] {
  const segments: Segment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["([^"]*)"\]|\[([^\]="]+)=("?)([^\]"]*)\5\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else if (m[3] !== undefined) segments.push(m[3]);
    else if (m[4] !== undefined) segments.push({ key: m[4], value: m[6] ?? "" });
  }
  return segments;
}

export function readYamlPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const segment of parseYamlPath(path)) {
    if (cur === null || typeof cur !== "object") return undefined;
    if (typeof segment === "object") {
      if (!Array.isArray(cur)) return undefined;
      cur = (cur as unknown[]).find((item) => item !== null && typeof item === "object" && deepEqual((item as Record<string, unknown>)[segment.key], segment.value));
    } else cur = (cur as Record<string | number, unknown>)[segment];
  }
  return cur;
}

const excerpt = (text: string): string => {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
};

/** `${namespace}` in an expected string stands for the learner's namespace, which a lab cannot know. */
const expandNamespace = <T>(value: T, namespace: string): T | string =>
  typeof value === "string" ? value.replaceAll("${namespace}", namespace) : value;

export const evaluateHomeFile: CheckEvaluator<z.output<typeof homeFileCheck>> = async (check, ctx) => {
  const label = homeFileLabel(check.path);
  const contains = check.contains === undefined ? undefined : expandNamespace(check.contains, ctx.cluster.namespace);
  const path = normaliseHomePath(check.path);
  if (path === undefined) return fail(`${check.path} is outside the home directory`);
  const content = await ctx.cluster.homeFile(path);
  if (!check.exists) return content === undefined ? pass(`${label} does not exist`) : fail(`${label} still exists; the step wants it gone`);
  if (content === undefined) return fail(`${label} not found; the step wants it to exist`);
  if (contains !== undefined && !content.includes(contains))
    return fail(`${label} does not contain "${contains}"${content.trim() ? ` (it starts "${excerpt(content)}")` : " (it is empty)"}`);
  const fields = Object.entries(check.yamlFields ?? {}).map(([p, v]) => [p, expandNamespace(v, ctx.cluster.namespace)] as const);
  if (fields.length > 0) {
    let doc: unknown;
    try {
      doc = parse(content);
    } catch (error) {
      return fail(`${label} is not valid YAML (${excerpt((error as Error).message)}); the step wants ${fields.map(([p, v]) => `${p} = ${show(v)}`).join(", ")}`);
    }
    for (const [fieldPath, want] of fields) {
      const got = readYamlPath(doc, fieldPath);
      if (!deepEqual(got, want)) return fail(`${label} has ${fieldPath} = ${show(got)}; the step wants ${show(want)}`);
    }
  }
  const what = [contains !== undefined ? `contains "${contains}"` : "", fields.length > 0 ? `has ${fields.map(([p, v]) => `${p} = ${show(v)}`).join(", ")}` : ""].filter(Boolean);
  return pass(`${label} ${what.length > 0 ? what.join(" and ") : "exists"}`);
};
