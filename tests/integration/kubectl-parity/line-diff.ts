import type { KubectlResult } from "../../support/kubectl";

/** A short, readable difference: exit codes, then the first differing lines of stdout and stderr. */
export function describeDiff(real: KubectlResult, ours: KubectlResult): string {
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
