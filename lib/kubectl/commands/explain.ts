import { flag, type Command } from "../command";
import { CommandError, OutputError } from "../errors";
import { resolveResource } from "../resources/resolve-resource";
import { explainText, type OpenApiDoc } from "./explain-format";

export const explainCommand: Command = {
  name: "explain",
  short: "Get documentation for a resource",
  usage: "kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2]",
  flags: [
    flag("recursive", undefined, "bool", "When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.", false),
    flag("api-version", undefined, "string", "Use given api-version (group/version) of the resource."),
    flag("output", "o", "string", "Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).", "plaintext"),
  ],
  async run(ctx) {
    if (ctx.args.length === 0) throw new CommandError(`You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.`);
    if (ctx.args.length > 1) throw new CommandError("We accept only this format: explain RESOURCE");
    const [word, ...path] = ctx.args[0]!.split(".");
    // explain prints this one without kubectl's usual "error: " prefix.
    const [resource] = await resolveResource(ctx.discovery, word ?? "").catch(() => [undefined]);
    if (!resource) throw new OutputError(`the server doesn't have a resource type "${word ?? ""}"`);
    let group = resource.group;
    let version = resource.version;
    const apiVersion = ctx.flags.string("api-version");
    if (apiVersion) {
      const slash = apiVersion.indexOf("/");
      group = slash >= 0 ? apiVersion.slice(0, slash) : "";
      version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
    }
    const key = group ? `apis/${group}/${version}` : `api/${version}`;
    const index = asJson(await ctx.client.request("GET", "/openapi/v3")) as { paths?: Record<string, { serverRelativeURL?: string }> };
    const url = index.paths?.[key]?.serverRelativeURL;
    if (!url) throw new CommandError(`couldn't find resource for "${group ? `${group}/` : ""}${version}, Resource=${resource.name}"`);
    const parsed = new URL(url, "https://server");
    const doc = asJson(await ctx.client.request("GET", parsed.pathname, { query: parsed.searchParams })) as OpenApiDoc;
    const result = explainText(doc, { group, version, kind: resource.kind }, path, ctx.flags.bool("recursive"));
    if ("error" in result) {
      if (result.header) ctx.out(result.header);
      throw new CommandError(result.error);
    }
    ctx.out(result.text);
    return 0;
  },
};

// The documents may come back as bytes (served pre-encoded) rather than decoded JSON.
const asJson = (body: unknown): unknown => (typeof body === "string" ? (JSON.parse(body) as unknown) : body);
