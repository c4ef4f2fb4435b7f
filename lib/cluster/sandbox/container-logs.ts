import { parseImage, pullImage, type ImageInfo } from "./image-catalog";

export type LogLine = { at: number; text: string };

type Spec = { image?: string; command?: string[]; args?: string[] };

/**
 * What a container has written to stdout/stderr between `startedAt` and `until` (ms): the image's own start-up
 * lines (nginx's entrypoint, the book's node app), and what the command echoes — once, or every few seconds
 * inside a `while true` loop. Deterministic, so `kubectl logs` twice shows the same history.
 */
export function containerLogLines(spec: Spec, startedAt: number, until: number, podName: string): LogLine[] {
  const pulled = pullImage(spec.image ?? "");
  if (!pulled.ok) return [];
  const image = pulled.image;
  const commandText = [...(spec.command ?? []), ...(spec.args ?? [])].join(" ");
  const lines: LogLine[] = [];
  if (commandText === "" || /^(nginx|\/docker-entrypoint\.sh)\b/.test(commandText)) lines.push(...startupLines(image, spec.image ?? "", startedAt, podName));
  if (commandText !== "") lines.push(...echoedLines(commandText, startedAt, until, podName));
  return lines.filter((line) => line.at <= until);
}

function startupLines(image: ImageInfo, ref: string, at: number, podName: string): LogLine[] {
  const tag = parseImage(ref).tag;
  const stamp = nginxTime(at);
  switch (image.repository) {
    case "docker.io/library/nginx":
      return [
        "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
        "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
        "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
        "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
        "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
        "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
        "/docker-entrypoint.sh: Configuration complete; ready for start up",
        `${stamp} [notice] 1#1: using the "epoll" event method`,
        `${stamp} [notice] 1#1: nginx/${/^\d+\.\d+\.\d+$/.test(tag) ? tag : /^\d+\.\d+$/.test(tag) ? `${tag}.0` : "1.27.3"}`,
        `${stamp} [notice] 1#1: OS: Linux 6.8.0-kubeclass`,
        `${stamp} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
        `${stamp} [notice] 1#1: start worker processes`,
        `${stamp} [notice] 1#1: start worker process 29`,
        `${stamp} [notice] 1#1: start worker process 30`,
      ].map((text) => ({ at, text }));
    case "docker.io/library/httpd":
      return [
        `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${podName}. Set the 'ServerName' directive globally to suppress this message`,
        `[${apacheTime(at)}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations`,
        `[${apacheTime(at)}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`,
      ].map((text) => ({ at, text }));
    case "docker.io/library/redis":
      return [`1:M ${redisTime(at)} * Server initialized`, `1:M ${redisTime(at)} * Ready to accept connections tcp`].map((text) => ({ at, text }));
    case "docker.io/nigelpoulton/k8sbook":
    case "docker.io/nigelpoulton/web-app":
    case "docker.io/nigelpoulton/getting-started-k8s":
    case "docker.io/nigelpoulton/tkb-sa":
      return [{ at, text: `Web app listening on port ${image.ports[0] ?? 8080}` }];
    default:
      return [];
  }
}

/**
 * Lines a shell command prints: each `echo`/`printf` once, in order; inside `while true; do …; sleep N; done`
 * the loop's echoes repeat every N seconds until now (kept to the last 1,000 iterations).
 */
function echoedLines(command: string, startedAt: number, until: number, podName: string): LogLine[] {
  const expand = (text: string) => text.replace(/\$\(?hostname\)?|\$HOSTNAME|\$\{HOSTNAME\}/g, podName).replace(/\$\(date\)/g, "");
  const echoes = (text: string) =>
    [...text.matchAll(/\b(?:echo|printf)\s+(?:-[neE]+\s+)?("([^"]*)"|'([^']*)'|([^;&|]+))/g)].map((m) => expand((m[2] ?? m[3] ?? m[4] ?? "").trim().replace(/\\n$/, "")));
  const loop = /\bwhile\s+(?:true|:)\s*;\s*do\b(.*?)\bdone\b/s.exec(command);
  const lines: LogLine[] = [];
  const before = loop ? command.slice(0, loop.index) : command;
  for (const text of echoes(before)) lines.push({ at: startedAt, text });
  if (loop) {
    const body = loop[1] ?? "";
    const period = Number(/\bsleep\s+(\d+(?:\.\d+)?)/.exec(body)?.[1] ?? "1") * 1000 || 1000;
    const bodyLines = echoes(body);
    const iterations = Math.floor((until - startedAt) / period) + 1;
    for (let i = Math.max(0, iterations - 1000); i < iterations; i++) for (const text of bodyLines) lines.push({ at: startedAt + i * period, text });
  }
  return lines;
}

const pad = (n: number) => String(n).padStart(2, "0");
function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
function apacheTime(ms: number): string {
  const d = new Date(ms);
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][d.getUTCDay()];
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.getUTCMonth()];
  return `${day} ${month} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.000000 ${d.getUTCFullYear()}`;
}
function redisTime(ms: number): string {
  const d = new Date(ms);
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.getUTCMonth()];
  return `${pad(d.getUTCDate())} ${month} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.000`;
}
