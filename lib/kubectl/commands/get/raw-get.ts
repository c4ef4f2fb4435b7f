import { KubeApiError } from "../../client/kube-api-error";
import type { CommandContext } from "../../command";
import { CommandError } from "../../errors";

/**
 * `kubectl get --raw /apis/apps/v1`: one GET of that URI (path and query) as the client's user, the body copied
 * to stdout byte for byte (no newline added), a failure printed as the API error it is.
 */
export async function rawGet(ctx: CommandContext): Promise<number> {
  if (ctx.args.length > 0) throw new CommandError("arguments may not be passed when --raw is specified");
  const uri = ctx.flags.string("raw");
  const question = uri.indexOf("?");
  const path = question >= 0 ? uri.slice(0, question) : uri;
  const query = new URLSearchParams(question >= 0 ? uri.slice(question + 1) : "");
  const response = await ctx.deps.serve({ method: "GET", path, query, accept: "application/json, */*", contentType: "application/json", signal: ctx.io.signal });
  if (response.kind === "watch") {
    for await (const event of response.events) ctx.out(`${JSON.stringify(event)}\n`);
    return 0;
  }
  const text = response.kind === "json" ? JSON.stringify(response.body) : response.kind === "text" ? response.body : new TextDecoder().decode(response.body);
  if (response.status >= 400) {
    let body: unknown = { message: text };
    try {
      body = response.kind === "json" ? response.body : (JSON.parse(text) as unknown);
    } catch {
      // not a Status: the text itself is the message
    }
    throw KubeApiError.fromBody(response.status, body);
  }
  ctx.out(text);
  return 0;
}
