import type { KubectlResult } from "../../support/kubectl";
import { normalise } from "./normalise";
import type { ParityClient, ParityCluster } from "./parity-cluster";

/**
 * One invocation of the corpus. `cmd` is a kubectl command line (after `kubectl`; single or double quotes keep
 * spaces); `$NS` stands for the client's own namespace and `$OTHER` for another learner's. `setup` lines run
 * first with real kubectl in both twin namespaces (and must succeed), so both clients start from the same state.
 */
export type ParityEntry = {
  cmd: string;
  stdin?: string;
  setup?: string[];
  /** What the entry checks, when the command alone does not say. */
  why?: string;
  /** Masks fields that inherently differ for this one command (say which next to the entry). */
  mask?: (text: string) => string;
};

export type Outcome = { entry: ParityEntry; real: KubectlResult; ours: KubectlResult; identical: boolean; diff: string; resynced: boolean };

/** Verbs whose command changes cluster state: after them, the controllers get time to converge both twins. */
const mutating = /^(apply|create|run|expose|delete|scale|rollout (restart|undo|pause|resume)|set|label|annotate|patch|replace|config set-context)\b/;

export function argvOf(cmd: string, client: ParityClient, otherNamespace: string): string[] {
  return shellWords(cmd).map((w) => w.replaceAll("$NS", client.namespace).replaceAll("$OTHER", otherNamespace));
}

/** Splits a command line as sh would: '…' literal, "…" with \" and \\ escapes, quotes joining one word. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? "";
    if (c === " " || c === "\t") {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      word ??= "";
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === "\\" && (line[i + 1] === '"' || line[i + 1] === "\\")) i++;
        word += line[i] ?? "";
      }
    } else if (c === "\\") {
      word = (word ?? "") + (line[++i] ?? "");
    } else word = (word ?? "") + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Runs one entry on both clients (real first, in its namespace; then ours, in its twin) and compares them. */
export async function runEntry(parity: ParityCluster, entry: ParityEntry): Promise<Outcome> {
  const { real, ours, otherNamespace } = parity;
  if (entry.setup?.length) {
    for (const line of entry.setup) {
      const results = await Promise.all([real, ours].map((c) => real.run([...argvOf(line, c, otherNamespace), "-n", c.namespace])));
      for (const r of results) {
        if (r.code !== 0) throw new Error(`setup \`kubectl ${line}\` failed (exit ${r.code}): ${r.stderr}`);
      }
    }
    await parity.settle();
  }
  const realResult = await real.run(argvOf(entry.cmd, real, otherNamespace), entry.stdin);
  const oursResult = await ours.run(argvOf(entry.cmd, ours, otherNamespace), entry.stdin);
  const view = (r: KubectlResult, client: ParityClient) => {
    const mask = entry.mask ?? ((t: string) => t);
    return { code: r.code, stdout: mask(normalise(r.stdout, client)), stderr: mask(normalise(r.stderr, client)) };
  };
  const a = view(realResult, real);
  const b = view(oursResult, ours);
  const identical = a.code === b.code && a.stdout === b.stdout && a.stderr === b.stderr;
  // A change ours failed to make (or made differently) would make every later entry differ too: real kubectl
  // repeats it in ours' namespace, so each entry measures one command. The entry itself still counts as differing.
  const resync = !identical && resyncable(entry.cmd);
  if (resync) await real.run([...argvOf(entry.cmd, ours, otherNamespace), "-n", ours.namespace], entry.stdin);
  if (mutating.test(entry.cmd)) await parity.settle();
  return { entry, real: realResult, ours: oursResult, identical, resynced: resync, diff: identical ? "" : describeDiff(a, b) };
}

/** A cluster change in the client's own namespace (not the kubeconfig, not another namespace). */
function resyncable(cmd: string): boolean {
  return mutating.test(cmd) && !cmd.startsWith("config ") && !/(^|\s)(-n|--namespace)\b|\$OTHER/.test(cmd);
}

/** A short, readable difference: exit codes, then the first differing lines of stdout and stderr. */
function describeDiff(real: KubectlResult, ours: KubectlResult): string {
  const parts: string[] = [];
  if (real.code !== ours.code) parts.push(`exit code: real ${real.code}, ours ${ours.code}`);
  for (const stream of ["stdout", "stderr"] as const) {
    if (real[stream] === ours[stream]) continue;
    parts.push(`${stream}:\n${lineDiff(real[stream], ours[stream])}`);
  }
  return parts.join("\n");
}

/** Lines that differ, `-` real and `+` ours, with at most `limit` pairs shown. */
export function lineDiff(real: string, ours: string, limit = 8): string {
  const a = real.split("\n");
  const b = ours.split("\n");
  const out: string[] = [];
  let shown = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (shown++ === limit) {
      out.push("  …");
      break;
    }
    if (a[i] !== undefined) out.push(`  - ${visible(a[i] ?? "")}`);
    if (b[i] !== undefined) out.push(`  + ${visible(b[i] ?? "")}`);
  }
  return out.join("\n");
}

/** Control characters (kubectl's colours, tabs, carriage returns) spelt out, so the report shows them. */
function visible(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (c) => (c === "\x1b" ? "\\e" : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`));
}
