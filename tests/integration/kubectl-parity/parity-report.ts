import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Outcome } from "./parity-entry";

export const reportPath = process.env.KUBECTL_PARITY_REPORT ?? "/tmp/parity-report.md";

/**
 * Writes this suite's section of the parity report (the lead's to-do list for the terminal's kubectl): the
 * identical fraction and every mismatch with a short diff. Each test file owns one section, so files may run in
 * any order; the summary line at the top adds up the sections present.
 */
export function writeReportSection(suite: string, outcomes: Outcome[], known: Record<string, string>): void {
  const identical = outcomes.filter((o) => o.identical).length;
  const lines = [`## ${suite}`, "", `identical: ${identical}/${outcomes.length} (${percent(identical, outcomes.length)})`, ""];
  for (const o of outcomes.filter((x) => !x.identical)) {
    const reason = known[o.entry.cmd];
    const notes = [reason ? `known: ${reason}` : "", o.resynced ? "twin resynced by real kubectl" : ""].filter(Boolean).join("; ");
    lines.push(`### \`kubectl ${o.entry.cmd}\`${notes ? ` (${notes})` : ""}`, "", "```diff", o.diff, "```", "");
  }
  const stale = outcomes.filter((o) => o.identical && known[o.entry.cmd] !== undefined);
  if (stale.length) lines.push("Known differences that now match (remove them from the table):", ...stale.map((o) => `- \`${o.entry.cmd}\``), "");
  const begin = `<!-- suite:${suite} -->`;
  const end = `<!-- end:${suite} -->`;
  const section = `${begin}\n${lines.join("\n")}\n${end}`;
  const previous = existsSync(reportPath) ? readFileSync(reportPath, "utf8") : "";
  const body = previous.replace(/^# kubectl parity[^\n]*\n\n(?:[^\n]*\n\n)?/, "");
  const start = body.indexOf(begin);
  const stop = body.indexOf(end);
  const sections = start >= 0 && stop > start ? body.slice(0, start) + section + body.slice(stop + end.length) : `${body.trimEnd()}\n\n${section}\n`.trimStart();
  writeFileSync(reportPath, `# kubectl parity: real kubectl 1.35 vs the terminal's\n\n${summary(sections)}\n\n${sections.trimEnd()}\n`);
}

function summary(sections: string): string {
  let identical = 0;
  let total = 0;
  for (const m of sections.matchAll(/^identical: (\d+)\/(\d+)/gm)) {
    identical += Number(m[1]);
    total += Number(m[2]);
  }
  return (
    `All suites in this file: ${identical}/${total} identical (${percent(identical, total)}), written ${new Date().toISOString()}. ` +
    "Diffs: `-` real kubectl, `+` the terminal's, after masking (tests/integration/kubectl-parity/normalise.ts); " +
    "KUBECTL_PARITY_RAW=<dir> writes the unmasked outputs."
  );
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? "n/a" : `${((100 * part) / whole).toFixed(1)}%`;
}
