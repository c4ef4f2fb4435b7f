// What the parity suite masks before comparing real kubectl's output with the terminal's. Two kinds of thing:
// what differs between any two runs (ages, timestamps, uids, resourceVersions, tokens, random name suffixes), and
// what differs between the twin namespaces the two clients work in (the namespace name itself, pod and Service
// IPs, nodePorts and the node the scheduler picked, which breaks ties at random). Nothing else is touched.

/** The alphabet Kubernetes draws generated name suffixes and template hashes from (no vowels, no 0/1/3). */
const alphabet = "bcdfghjklmnpqrstvwxz2456789";
const suffix = new RegExp(`^[${alphabet}]{5}$`);
const hash = new RegExp(`^[${alphabet}]{6,10}$`);

const timestamp = /\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)/g;
/** describe's `Start Time:` / `CreationTimestamp:` form: Thu, 26 Nov 2026 11:38:10 +0000 */
const describeTime = /\b[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d [+-]\d{4}/g;
const uid = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;
const resourceVersion = /("?resourceVersion"?:\s*)"\d+"/g;
const jwt = /\beyJ[\w-]+\.[\w-]+\.[\w-]+/g;
/**
 * kubectl's human durations (5s, 2m10s, 3h, 4d5h …), `<invalid>` for a time in the future and `<unknown>`; not
 * after `:`, `"` or `=`, where the same shape is a quantity (`cpu: 200m`, `"cpu":"200m"`, `--limits=cpu=200m`).
 */
const age = /(?<![\w.:/"=-])(?<!:\s+)(?:\d+[smhdy](?:\d+[smh])?|<invalid>|<unknown>)(?![\w.:/"-])( *)/g;
const ip = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?(?![\w.])/g;
const node = /\bkubeclass-(?:control-plane|worker\d*)\b/g;
const nodePort = /(?<=:|nodePort"?:\s*|NodePort:\s+<unset>\s+|NodePort:\s+\S+\s+)3[0-2]\d{3}(?=\/(?:TCP|UDP)|\b)/g;
/** A table's first line: upper-case column names two or more spaces apart (`NOMINATED NODE` is one). */
const tableHeader = /^[A-Z][A-Z0-9_-]*(?: {2,}[A-Z][A-Z0-9_() -]*)+$/;
/** A name ending in a template hash (`web-7d9c5b8f6d`, `web-7d9c5b8f6d-x2b4z`). */
const generatedHash = new RegExp(`\\b[a-z0-9][-a-z0-9]*-[${alphabet}]{6,10}(?:-[${alphabet}]{5})?\\b`);
const dnsName = /\b[a-z0-9][a-z0-9]*(?:-[a-z0-9]+)+\b/g;

export type Side = {
  /** The namespace this client works in (replaced by `NAMESPACE`). */
  namespace: string;
};

/** Masks one output (stdout or stderr) of one client. Placeholders are numbered in order of appearance. */
export function normalise(text: string, side: Side): string {
  let out = text.split(side.namespace).join("NAMESPACE");
  out = out.replace(timestamp, "TIMESTAMP").replace(describeTime, "TIMESTAMP");
  out = out.replace(uid, "UID").replace(resourceVersion, '$1"RV"').replace(jwt, "TOKEN");
  out = sortSameInstantEvents(out);
  const hashed = out.search(generatedHash) >= 0;
  out = maskGeneratedNames(out);
  out = numbered(out, nodePort, "NPORT");
  const variableWidth = hashed || out.search(ip) >= 0 || out.search(node) >= 0;
  out = numbered(out, ip, "IP");
  out = numbered(out, node, "NODE");
  out = out.replace(age, (match: string, spaces: string) => padTo("AGE", match.length, spaces.length > 0));
  // Pod IPs, node names and template hashes (of templates holding a time, e.g. after `rollout restart`) differ
  // in length between the twins, and tables pad every column to its widest cell: in a table showing any of them,
  // column padding is compared as "some spaces" rather than an exact width.
  if (variableWidth && tableHeader.test(out.split("\n", 1)[0] ?? "")) out = out.replace(/(?<=\S) {2,}/g, "   ");
  return out;
}

/** `replacement` padded to `width` when the token was followed by column padding, so alignment is kept. */
function padTo(replacement: string, width: number, padded: boolean): string {
  if (!padded) return replacement;
  return replacement.padEnd(Math.max(width, replacement.length + 1));
}

function numbered(text: string, pattern: RegExp, label: string): string {
  const seen = new Map<string, string>();
  return text.replace(pattern, (match) => {
    let name = seen.get(match);
    if (!name) seen.set(match, (name = `${label}${seen.size + 1}`));
    return name;
  });
}

/**
 * `web-7d9c5b8f6d-x2b4z` (a Deployment's pod), `web-7d9c5b8f6d` (its ReplicaSet), `job-x2b4z`: each distinct
 * hash or suffix becomes `h1…`/`g1…`, padded to the longest a hash (10) or suffix (5) can be.
 */
function maskGeneratedNames(text: string): string {
  const hashes = new Map<string, string>();
  const suffixes = new Map<string, string>();
  const label = (map: Map<string, string>, prefix: string, value: string, width: number) => {
    let name = map.get(value);
    if (!name) map.set(value, (name = `${prefix}${map.size + 1}`.padEnd(width, "_")));
    return name;
  };
  const masked = text.replace(dnsName, (token) => {
    const parts = token.split("-");
    let end = parts.length;
    if (end >= 2 && suffix.test(parts[end - 1] ?? "")) {
      parts[end - 1] = label(suffixes, "g", parts[end - 1] ?? "", 5);
      end--;
    }
    if (end >= 2 && hash.test(parts[end - 1] ?? "")) {
      parts[end - 1] = label(hashes, "h", parts[end - 1] ?? "", 10);
    }
    return parts.join("-");
  });
  // The hash alone, as a label value (pod-template-hash=7d9c5b8f6d, controller-revision-hash: web-5d8f…).
  return masked.replace(new RegExp(`(?<=pod-template-hash[=:]\\s*"?)[${alphabet}]{6,10}\\b`, "g"), (value) => label(hashes, "h", value, 10));
}

/**
 * describe's Events table lists events in time order; events of the same instant come in the order the server
 * lists them, i.e. by their names, which end in a time-and-random hex part. The twins' random parts differ, so
 * among rows with the same raw Age the order is compared as a set (sorted), and everything else as is.
 */
function sortSameInstantEvents(text: string): string {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const header = /^(\s+)Type\s+Reason\s+Age\s+From\s+Message$/.exec(lines[i] ?? "");
    if (!header) continue;
    const ageStart = (lines[i] ?? "").indexOf("Age");
    const fromStart = (lines[i] ?? "").indexOf("From");
    const ageOf = (line: string) => line.slice(ageStart, fromStart).trim();
    let start = i + 2; // past the header and its ---- underline
    while (start < lines.length && (lines[start] ?? "").startsWith(header[1] ?? "  ") && (lines[start] ?? "").trim() !== "") {
      let end = start + 1;
      while (end < lines.length && (lines[end] ?? "").trim() !== "" && ageOf(lines[end] ?? "") === ageOf(lines[start] ?? "")) end++;
      lines.splice(start, end - start, ...lines.slice(start, end).sort());
      start = end;
    }
  }
  return lines.join("\n");
}
