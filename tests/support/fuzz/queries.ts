import type { Rng } from "./rng";
import { nastyString, percentEncode } from "./values";

/** Revisions worth trying: the current one and its neighbours are filled in once the cluster is set up. */
export type QueryContext = { currentRevision: number };

function continueToken(rng: Rng, ctx: QueryContext): string {
  const rv = rng.pick([String(ctx.currentRevision), "1", "0", "abc", "-1", "99999999999999999999", "", String(ctx.currentRevision + 1_000_000)]);
  const position = rng.weighted<() => unknown>([
    [4, () => ({ v: 1, rv, ns: rng.pick(["", "fuzz-a", "zzz"]), n: rng.pick(["", "fuzz-cm", "\u0000"]) })],
    [1, () => ({ v: 2, rv })],
    [1, () => ({ v: 1, rv: 5, ns: null, n: [] })],
    [1, () => [1, 2]],
    [1, () => "x"],
  ])();
  return Buffer.from(JSON.stringify(position)).toString(rng.chance(0.8) ? "base64url" : "base64");
}

const labelSelectors = [
  "app=web", "app!=web", "app in (web,db)", "app notin (x)", "!app", "app", "a=b,c!=d", "fuzz=yes", "tier",
  "a in (", "=", "a==", "!!", "a in (b", "a,,b", "a b", "app=web=x", ")(", "a in ()", "x/y=z", "A_B.c/d-e=f", "-a=b",
  `${"k".repeat(64)}=v`, `k=${"v".repeat(64)}`, "a>1", "a<2", "app=\u0000",
];

const fieldSelectors = [
  "metadata.name=fuzz-cm", "metadata.name==web", "metadata.name!=x", "metadata.namespace=fuzz-a", "spec.nodeName=node-1",
  "status.phase=Running", "spec.foo=x", "metadata.name", "=", "a=b=c", "metadata.name=x,metadata.namespace=y", "type=Opaque",
  "involvedObject.name=p1", "spec.unschedulable=true", "metadata.name=\u0000", "status.replicas=1", ",", "metadata.labels.app=web",
];

type ParamMaker = (rng: Rng, ctx: QueryContext) => string;

const params: [number, string, ParamMaker][] = [
  [3, "labelSelector", (rng) => rng.pick(labelSelectors)],
  [3, "fieldSelector", (rng) => rng.pick(fieldSelectors)],
  [3, "limit", (rng) => rng.pick(["-1", "0", "1", "2", "500", "abc", "1e3", "9999999999999999999", "1.5", ""])],
  [2, "continue", (rng, ctx) => (rng.chance(0.8) ? continueToken(rng, ctx) : rng.pick(["", "garbage", "%%%", "eyJ2IjoxfQ"]))],
  [3, "resourceVersion", (rng, ctx) => rng.pick(["0", "1", "", String(ctx.currentRevision), String(ctx.currentRevision + 1_000_000), "abc", "-1", "99999999999999999999", "1.5", " 1"])],
  [1, "resourceVersionMatch", (rng) => rng.pick(["NotOlderThan", "Exact", "bogus", ""])],
  [3, "watch", (rng) => rng.pick(["true", "1", "false", "0", "yes", ""])],
  [1, "allowWatchBookmarks", (rng) => rng.pick(["true", "false", "x"])],
  [1, "sendInitialEvents", (rng) => rng.pick(["true", "false", "x"])],
  [2, "dryRun", (rng) => rng.pick(["All", "all", "x", ""])],
  [2, "fieldValidation", (rng) => rng.pick(["Strict", "Warn", "Ignore", "strict", "x", ""])],
  [1, "fieldManager", (rng) => rng.pick(["fuzz", "kubectl-client-side-apply", "x".repeat(200), "", "\u0000"])],
  [1, "force", (rng) => rng.pick(["true", "false", "x"])],
  [2, "propagationPolicy", (rng) => rng.pick(["Foreground", "Background", "Orphan", "x", ""])],
  [2, "gracePeriodSeconds", (rng) => rng.pick(["0", "30", "-1", "abc", "1.5", "99999999999999999999", "", "1e3"])],
  [1, "orphanDependents", (rng) => rng.pick(["true", "false", "x"])],
  [1, "pretty", (rng) => rng.pick(["true", "false", "1"])],
  [1, "includeObject", (rng) => rng.pick(["None", "Metadata", "Object", "x"])],
  [1, "timeoutSeconds", (rng) => rng.pick(["1", "0", "-1", "abc"])],
  [1, "container", (rng) => rng.pick(["web", "nope", ""])],
  // "*": a parameter whose name itself is strange.
  [1, "*", (rng) => nastyString(rng).slice(0, 200)],
];

/**
 * A query string. Reading requests (GET/HEAD) always start with timeoutSeconds=1, which the server reads first,
 * so any of them that turns out to be a watch ends by itself within a second.
 */
export function randomQuery(rng: Rng, ctx: QueryContext, method: string): string {
  const parts: string[] = [];
  if (method === "GET" || method === "HEAD") parts.push("timeoutSeconds=1");
  const count = rng.weighted([
    [3, 0],
    [4, 1],
    [3, 2],
    [1, 4],
  ]);
  for (let i = 0; i < count; i++) {
    const [, key, make] = rng.weighted(params.map((p) => [p[0], p] as const));
    const name = key === "*" ? percentEncode(nastyString(rng).slice(0, 40)) : key;
    const value = make(rng, ctx);
    // Mostly encoded as a client would; sometimes raw (only characters a request line may carry).
    const encoded = rng.chance(0.9) ? percentEncode(value) : value.replace(/[^\x21-\x7e]/g, (c) => percentEncode(c));
    parts.push(rng.chance(0.05) ? name : `${name}=${encoded}`);
  }
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}
