import { resources } from "../controllers/runtime/resource-id";
import type { KubeObject } from "../store/object-store";
import { resolve, type DnsRecord } from "./dns";
import { nginxWelcome, type ContainerView, type ViewSource } from "./container-view";
import { hostHeader, serviceUnavailablePage, throughIngress, withoutHeaders } from "./exec-ingress";
import { parseImage, pullImage } from "./image-catalog";

// The network as a container sees it: names through cluster DNS, Service IPs through kube-proxy to one ready
// endpoint, and what the process behind it answers (by its image). Output shaped like busybox and curl.

export type Output = { stdout: string; stderr: string; exitCode: number };
const ok = (stdout: string): Output => ({ stdout, stderr: "", exitCode: 0 });
const fail = (stderr: string, exitCode = 1, stdout = ""): Output => ({ stdout, stderr, exitCode });
const isIPv4 = (text: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(text);

const addresses = (records: DnsRecord[]) => records.flatMap((r) => (r.type === "A" ? [r.address] : []));

export function nslookup(source: ViewSource, view: ContainerView, name: string | undefined): Output {
  if (!name) return fail("BusyBox v1.36.1 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n");
  const answer = resolve(source, name, { namespace: view.namespace });
  const head = `Server:\t\t${answer.server.address}\nAddress:\t${answer.server.address}:53\n\n`;
  if (answer.rcode === "NXDOMAIN") return fail(`** server can't find ${answer.type === "PTR" ? answer.tried[0]?.replace(/\.$/, "") : name}: NXDOMAIN\n\n`, 1, head);
  const lines = answer.records.map((r) => (r.type === "A" ? `Name:\t${r.name.replace(/\.$/, "")}\nAddress: ${r.address}\n` : r.type === "CNAME" ? `${r.name.replace(/\.$/, "")}\tcanonical name = ${r.target.replace(/\.$/, "")}\n` : r.type === "PTR" ? `${r.name.replace(/\.$/, "")}\tname = ${r.target.replace(/\.$/, "")}\n` : ""));
  return ok(`${head}${lines.join("")}\n`);
}

export function dig(source: ViewSource, view: ContainerView, args: string[]): Output {
  const name = args.find((a) => !a.startsWith("+") && !a.startsWith("@") && !/^(A|SRV|PTR)$/i.test(a));
  if (!name) return fail("");
  const type = args.some((a) => /^SRV$/i.test(a)) ? "SRV" : "A";
  // dig does not use the search list unless asked (+search): a short name is looked up as is.
  const query = args.includes("+search") || name.endsWith(".") ? name : `${name}.`;
  const answer = resolve(source, query, { namespace: view.namespace, type });
  const short = answer.records.map((r) => (r.type === "A" ? r.address : r.type === "SRV" ? `${r.priority} ${r.weight} ${r.port} ${r.target}` : r.type === "CNAME" || r.type === "PTR" ? r.target : ""));
  return ok(short.length > 0 ? `${short.join("\n")}\n` : "");
}

export function getentHosts(source: ViewSource, view: ContainerView, name: string | undefined): Output {
  if (!name) return fail("");
  if (name === view.pod.metadata.name) return ok(`${view.podIP.padEnd(15)} ${name}\n`);
  const answer = resolve(source, name, { namespace: view.namespace });
  const ips = addresses(answer.records);
  return ips.length > 0 ? ok(`${ips[0]!.padEnd(15)} ${answer.name?.replace(/\.$/, "") ?? name}\n`) : fail("", 2);
}

function lookupAddress(source: ViewSource, view: ContainerView, host: string): string | undefined {
  if (isIPv4(host)) return host;
  if (host === "localhost") return "127.0.0.1";
  return addresses(resolve(source, host, { namespace: view.namespace }).records)[0];
}

type Slice = { endpoints?: { addresses?: string[]; conditions?: { ready?: boolean } }[]; ports?: { name?: string; port?: number }[] };

/** Where a TCP connection to ip:port lands: a pod IP and a port, or nothing (refused). */
function connect(source: ViewSource, view: ContainerView, ip: string, port: number): { pod: KubeObject; port: number } | undefined {
  if (ip === "127.0.0.1") return { pod: view.pod, port };
  const service = source.list(resources.services).find((s) => (s.spec as { clusterIP?: string } | undefined)?.clusterIP === ip);
  if (service) {
    const servicePort = ((service.spec as { ports?: { name?: string; port?: number }[] }).ports ?? []).find((p) => p.port === port);
    if (!servicePort) return undefined;
    for (const slice of source.list(resources.endpointslices, service.metadata.namespace ?? "") as (KubeObject & Slice)[]) {
      if ((slice.metadata.labels as Record<string, string> | undefined)?.["kubernetes.io/service-name"] !== service.metadata.name) continue;
      const target = (slice.ports ?? []).find((p) => (p.name ?? "") === (servicePort.name ?? ""));
      const endpoint = (slice.endpoints ?? []).find((e) => e.conditions?.ready !== false && (e.addresses ?? []).length > 0);
      const pod = endpoint && source.list(resources.pods, service.metadata.namespace ?? "").find((p) => (p.status as { podIP?: string } | undefined)?.podIP === endpoint.addresses![0]);
      if (pod && target?.port) return { pod, port: target.port };
    }
    return undefined;
  }
  const pod = source.list(resources.pods).find((p) => (p.status as { podIP?: string } | undefined)?.podIP === ip);
  return pod ? { pod, port } : undefined;
}

/** The body the server at pod:port returns for GET /, or undefined when nothing listens there. */
function httpBody(pod: KubeObject, port: number): string | undefined {
  const containers = ((pod.spec as { containers?: { image?: string }[] } | undefined)?.containers ?? []);
  for (const container of containers) {
    const pulled = pullImage(container.image ?? "");
    if (!pulled.ok || !pulled.image.ports.includes(port)) continue;
    const repo = parseImage(container.image ?? "").repository;
    if (repo.endsWith("/nginx")) return nginxWelcome;
    if (repo.endsWith("/httpd")) return "<html><body><h1>It works!</h1></body></html>\n";
    if (repo.startsWith("docker.io/nigelpoulton/")) return `<html><head><title>K8s rocks!</title></head><body><h1>Hello from ${pod.metadata.name ?? ""}</h1><p>Served by pod ${pod.metadata.name ?? ""}</p></body></html>\n`;
    return undefined;
  }
  return undefined;
}

type Url = { host: string; port: number; path: string };

function parseUrl(raw: string): Url | undefined {
  const match = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/.exec(raw);
  if (!match) return undefined;
  return { host: match[2]!, port: match[3] ? Number(match[3]) : match[1] === "https" ? 443 : 80, path: match[4] || "/" };
}

/** An HTTP GET to ip (the URL's host resolved): straight to a pod or Service, or through the Ingress controller. */
function request(source: ViewSource, view: ContainerView, ip: string, url: Url, host: string): { status: 200 | 404 | 503; body: string } | undefined {
  const hop = throughIngress(source, ip, url.port, host, url.path, view.namespace);
  if (hop?.kind === "answer") return { status: hop.status, body: hop.body };
  const landed = hop ? connect(source, view, hop.ip, hop.port) : connect(source, view, ip, url.port);
  const body = landed && httpBody(landed.pod, landed.port);
  if (body === undefined) return hop ? { status: 503, body: serviceUnavailablePage } : undefined;
  return { status: 200, body };
}

const statusLine = { 200: "HTTP/1.1 200 OK", 404: "HTTP/1.1 404 Not Found", 503: "HTTP/1.1 503 Service Temporarily Unavailable" };

export function curl(source: ViewSource, view: ContainerView, args: string[]): Output {
  const url = withoutHeaders(args).filter((a) => !a.startsWith("-")).at(-1);
  const silent = args.some((a) => /^-[a-zA-Z]*s/.test(a));
  const target = url ? parseUrl(url) : undefined;
  if (!target) return fail("curl: try 'curl --help' or 'curl --manual' for more information\n", 2);
  const ip = lookupAddress(source, view, target.host);
  if (!ip) return fail(silent ? "" : `curl: (6) Could not resolve host: ${target.host}\n`, 6);
  const response = request(source, view, ip, target, hostHeader(args) ?? target.host);
  if (response === undefined) return fail(silent ? "" : `curl: (7) Failed to connect to ${target.host} port ${target.port} after 0 ms: Couldn't connect to server\n`, 7);
  return ok(args.includes("-I") ? `${statusLine[response.status]}\nServer: nginx\nContent-Type: text/html\n\n` : response.body);
}

export function wget(source: ViewSource, view: ContainerView, args: string[]): Output {
  const url = withoutHeaders(args).filter((a) => !a.startsWith("-") && a !== "-").at(-1);
  const toStdout = args.some((a) => /^-[a-zA-Z]*O-?$/.test(a) || a === "-O-" || a === "-qO-") && (args.includes("-") || args.some((a) => a.endsWith("O-")));
  const quiet = args.some((a) => /^-[a-zA-Z]*q/.test(a));
  const target = url ? parseUrl(url) : undefined;
  if (!target) return fail("BusyBox v1.36.1 multi-call binary.\n\nUsage: wget [-cqS] [-O FILE] URL\n");
  const ip = lookupAddress(source, view, target.host);
  if (!ip) return fail(`wget: bad address '${target.host}'\n`);
  const connecting = quiet ? "" : `Connecting to ${target.host}${target.port === 80 ? "" : `:${target.port}`} (${ip}:${target.port})\n`;
  const response = request(source, view, ip, target, hostHeader(args) ?? target.host);
  if (response === undefined) return fail(`${connecting}wget: can't connect to remote host (${ip}): Connection refused\n`);
  if (response.status !== 200) return fail(`${connecting}wget: server returned error: ${statusLine[response.status]}\n`);
  const body = response.body;
  if (toStdout) return { stdout: body, stderr: connecting ? `${connecting}writing to stdout\n` : "", exitCode: 0 };
  return { stdout: "", stderr: `${connecting}saving to 'index.html'\nindex.html           100% |********************************|   ${body.length}  0:00:00 ETA\n'index.html' saved\n`, exitCode: 0 };
}

export function ping(source: ViewSource, view: ContainerView, args: string[]): Output {
  const host = args.filter((a) => !a.startsWith("-") && !/^\d+$/.test(a)).at(-1);
  const countFlag = args.indexOf("-c");
  const count = countFlag >= 0 ? Number(args[countFlag + 1] ?? 4) || 4 : 4;
  if (!host) return fail("BusyBox v1.36.1 multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n");
  const ip = lookupAddress(source, view, host);
  if (!ip) return fail(`ping: bad address '${host}'\n`);
  const head = `PING ${host} (${ip}): 56 data bytes\n`;
  // A Service IP is virtual (kube-proxy only forwards its ports): nothing answers ICMP there.
  const answers = ip === "127.0.0.1" || source.list(resources.pods).some((p) => (p.status as { podIP?: string } | undefined)?.podIP === ip);
  const lines = answers ? Array.from({ length: count }, (_, i) => `64 bytes from ${ip}: seq=${i} ttl=64 time=0.${100 + i * 7} ms\n`).join("") : "";
  const stats = `\n--- ${host} ping statistics ---\n${count} packets transmitted, ${answers ? count : 0} packets received, ${answers ? 0 : 100}% packet loss\n${answers ? "round-trip min/avg/max = 0.100/0.121/0.142 ms\n" : ""}`;
  return { stdout: head + lines + stats, stderr: "", exitCode: answers ? 0 : 1 };
}
