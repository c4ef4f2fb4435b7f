import type { ApiRequest, ApiResponse } from "../../cluster/api/api-request";
import type { ProgramContext } from "../../terminal/program";
import type { KubectlDeps } from "../kubectl-deps";

/**
 * kubectl's `-v` request logging (client-go's round_trippers.go and rest/request.go, klog to stderr):
 * -v=6 one line per response (verb, URL, status, milliseconds); -v=7 also the request line and its headers;
 * -v=8 also response headers and the bodies, cut at 1024 characters (10240 at -v=9, whole at -v=10).
 */
export function withRequestLog(deps: KubectlDeps, options: { level: number; server: string; io: ProgramContext }): KubectlDeps {
  const { level, io } = options;
  if (level < 6) return deps;
  const log = (file: string, text: string) => io.stderr.write(`${klogPrefix(io.now(), file)}${text}\n`);
  return {
    ...deps,
    async serve(request) {
      const url = requestUrl(options.server, request);
      const body = request.body ? new TextDecoder().decode(request.body) : "";
      if (level >= 8) log("helper.go:113", `"Request Body" body=${goQuote(truncateBody(body, level))}`);
      if (level >= 7) log("round_trippers.go:527", `"Request" verb="${request.method}" url=${goQuote(url)} headers=<\n${headerBlock(requestHeaders(request))} >`);
      const started = io.now().getTime();
      const response = await deps.serve(request);
      const ms = Math.max(0, io.now().getTime() - started);
      const status = `${response.status} ${statusText(response.status)}`;
      if (level >= 8) {
        log("round_trippers.go:632", `"Response" status="${status}" headers=<\n${headerBlock(responseHeaders(response, io.now()))} > milliseconds=${ms}`);
        if (response.kind !== "watch") log("helper.go:113", `"Response Body" body=${goQuote(truncateBody(responseText(response), level))}`);
      } else if (level >= 7) log("round_trippers.go:632", `"Response" status="${status}" milliseconds=${ms}`);
      else log("round_trippers.go:632", `"Response" verb="${request.method}" url=${goQuote(url)} status="${status}" milliseconds=${ms}`);
      return response;
    },
  };
}

/** `Config loaded from file:  <path>` (clientcmd's loader.go at -v=6). */
export function logConfigLoaded(io: ProgramContext, path: string): void {
  io.stderr.write(`${klogPrefix(io.now(), "loader.go:405")}Config loaded from file:  ${path}\n`);
}

/** The process id klog prints; the terminal's kubectl has none of its own. */
const PID = 24601;

/** klog's header: `I1126 15:31:36.784169   24601 file.go:123] `. */
function klogPrefix(now: Date, file: string): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const micros = String(now.getUTCMilliseconds() * 1000).padStart(6, "0");
  const time = `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}.${micros}`;
  return `I${two(now.getUTCMonth() + 1)}${two(now.getUTCDate())} ${time} ${String(PID).padStart(7)} ${file}] `;
}

/** The URL as client-go builds it: the server, the path, and the query with its keys sorted (url.Values.Encode). */
function requestUrl(server: string, request: Pick<ApiRequest, "path" | "query">): string {
  const entries = [...request.query.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(entries).toString();
  return `${server.replace(/\/$/, "")}${request.path}${query ? `?${query}` : ""}`;
}

function requestHeaders(request: ApiRequest | Omit<ApiRequest, "user">): [string, string][] {
  const headers: [string, string][] = [["Accept", request.accept]];
  if (request.body) headers.push(["Content-Type", request.contentType]);
  if (request.impersonate?.user) headers.push(["Impersonate-User", request.impersonate.user]);
  for (const group of request.impersonate?.groups ?? []) headers.push(["Impersonate-Group", group]);
  if (request.impersonate?.uid) headers.push(["Impersonate-Uid", request.impersonate.uid]);
  if (request.userAgent) headers.push(["User-Agent", request.userAgent]);
  return headers.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function responseHeaders(response: ApiResponse, now: Date): [string, string][] {
  const contentType = response.kind === "json" || response.kind === "watch" ? "application/json" : response.contentType;
  const headers = new Map<string, string>([
    ["Cache-Control", "no-cache, private"],
    ["Content-Type", contentType],
    ["Date", now.toUTCString()],
  ]);
  if (response.kind === "json") for (const [k, v] of Object.entries(response.headers ?? {})) headers.set(canonicalHeader(k), v);
  return [...headers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const headerBlock = (headers: [string, string][]) => headers.map(([k, v]) => `\t${k}: ${v}\n`).join("");

/** Go's http.CanonicalHeaderKey: `retry-after` → `Retry-After`. */
const canonicalHeader = (key: string) => key.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());

function responseText(response: Exclude<ApiResponse, { kind: "watch" }>): string {
  if (response.kind === "json") return JSON.stringify(response.body);
  if (response.kind === "text") return response.body;
  return new TextDecoder().decode(response.body);
}

function truncateBody(body: string, level: number): string {
  const max = level >= 10 ? Infinity : level >= 9 ? 10240 : 1024;
  return body.length <= max ? body : `${body.slice(0, max)} [truncated ${body.length - max} chars]`;
}

/** klog's quoting of a string value (strconv.Quote for what the terminal sends: JSON and URLs). */
function goQuote(text: string): string {
  return JSON.stringify(text).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

const statusTexts: Record<number, string> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "No Content",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  410: "Gone",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** Go's http.StatusText. */
const statusText = (code: number) => statusTexts[code] ?? "";
