import type { KubectlResult } from "../../support/kubectl";
import { describeDiff } from "./line-diff";
import { normalise } from "./normalise";
import type { ParityClient, ParityCluster } from "./parity-cluster";
import { shellWords } from "./shell-words";

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
  // A change ours failed to make would make every later entry differ too: real kubectl repeats it in ours'
  // namespace, so each entry measures one command; the entry itself still counts as differing. Only when ours
  // failed where real succeeded: a change ours did make (with different output) must not be made twice.
  const resync = realResult.code === 0 && oursResult.code !== 0 && resyncable(entry.cmd);
  if (resync) await real.run([...argvOf(entry.cmd, ours, otherNamespace), "-n", ours.namespace], entry.stdin);
  if (mutating.test(entry.cmd)) await parity.settle();
  return { entry, real: realResult, ours: oursResult, identical, resynced: resync, diff: identical ? "" : describeDiff(a, b) };
}

/** A cluster change in the client's own namespace (not the kubeconfig, not another namespace). */
function resyncable(cmd: string): boolean {
  return mutating.test(cmd) && !cmd.startsWith("config ") && !/(^|\s)(-n|--namespace)\b|\$OTHER/.test(cmd);
}
