import { flag, type Command } from "../command";
import { CommandError } from "../errors";
import { dryRunFlag } from "../mutate/file-flags";
import { outputFlag } from "../mutate/print-result";
import { podSpecOf, selectContainers } from "../mutate/rollout/pod-spec-update";
import { rolloutTargets } from "../mutate/rollout/rollout-targets";
import { resourcePath } from "../resources/api-resource";
import { resolveResource } from "../resources/resolve-resource";
import { setPodSpecs } from "./set-apply";

type EnvVar = { name: string; value?: string; valueFrom?: Record<string, Record<string, string>> };

/** A ConfigMap or Secret key as an env var name: upper case, anything but [A-Za-z0-9_] becomes `_`. */
const envName = (key: string): string => key.replace(/[^A-Za-z0-9_]/g, "_").toUpperCase();

function refString(from: EnvVar["valueFrom"]): string {
  const ref = from ?? {};
  if (ref.configMapKeyRef) return `configmap ${ref.configMapKeyRef.name ?? ""}, key ${ref.configMapKeyRef.key ?? ""}`;
  if (ref.secretKeyRef) return `secret ${ref.secretKeyRef.name ?? ""}, key ${ref.secretKeyRef.key ?? ""}`;
  if (ref.fieldRef) return `field path ${ref.fieldRef.fieldPath ?? ""}`;
  if (ref.resourceFieldRef) return `resource ${ref.resourceFieldRef.resource ?? ""}`;
  return "invalid reference";
}

export const setEnvCommand: Command = {
  name: "env",
  short: "Update environment variables on a pod template",
  usage: "kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N",
  flags: [
    flag("filename", "f", "stringSlice", "Filename, directory, or URL to files the resource to update the env"),
    flag("recursive", "R", "bool", "Process the directory used in -f, --filename recursively.", false),
    flag("all", undefined, "bool", "If true, select all resources in the namespace of the specified resource types", false),
    flag("selector", "l", "string", "Selector (label query) to filter on."),
    flag("containers", "c", "string", "The names of containers in the selected pod templates to change - may use wildcards", "*"),
    flag("env", "e", "stringArray", "Specify a key-value pair for an environment variable to set into each container."),
    flag("from", undefined, "string", "The name of a resource from which to inject environment variables"),
    flag("prefix", undefined, "string", "Prefix to append to variable names"),
    flag("keys", undefined, "stringSlice", "Comma-separated list of keys to import from specified resource"),
    flag("list", undefined, "bool", "If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.", false),
    flag("resolve", undefined, "bool", "If true, show secret or configmap references when listing variables", false),
    flag("overwrite", undefined, "bool", "If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.", true),
    flag("local", undefined, "bool", "If true, set env will NOT contact api-server but run locally.", false),
    flag("field-manager", undefined, "string", "Name of the manager used to track field ownership.", "kubectl-set"),
    dryRunFlag(),
    outputFlag(),
  ],
  async run(ctx) {
    const firstEnv = ctx.args.findIndex((a) => a.includes("=") || a.endsWith("-"));
    const resources = firstEnv < 0 ? ctx.args : ctx.args.slice(0, firstEnv);
    const envArgs = [...(firstEnv < 0 ? [] : ctx.args.slice(firstEnv)), ...ctx.flags.strings("env")];
    if (firstEnv >= 0 && ctx.args.slice(firstEnv).some((a) => !a.includes("=") && !a.endsWith("-"))) {
      throw new CommandError(`all resources must be specified before environment changes: ${ctx.args.join(" ")}`);
    }
    if (resources.length === 0 && !ctx.flags.changed("filename")) throw new CommandError("one or more resources must be specified as <resource> <name> or <resource>/<name>");
    if (ctx.flags.bool("list") && ctx.flags.changed("output")) throw new CommandError("--list and --output may not be specified together");
    const env: EnvVar[] = [];
    const remove: string[] = [];
    for (const arg of envArgs) {
      if (arg.includes("=")) env.push({ name: arg.slice(0, arg.indexOf("=")), value: arg.slice(arg.indexOf("=") + 1) });
      else remove.push(arg.slice(0, -1));
    }
    env.push(...(await fromSource(ctx)));
    const selector = ctx.flags.string("containers");
    if (ctx.flags.bool("list")) {
      for (const target of await rolloutTargets(ctx, resources)) {
        const spec = podSpecOf(target.object);
        for (const container of spec ? selectContainers(spec, selector) : []) {
          ctx.out(`# ${String(target.object.kind)} ${target.name}, container ${container.name}\n`);
          for (const e of updateEnv((container.env as EnvVar[] | undefined) ?? [], env, remove)) {
            ctx.out(e.valueFrom ? `# ${e.name} from ${refString(e.valueFrom)}\n` : `${e.name}=${e.value ?? ""}\n`);
          }
        }
      }
      return 0;
    }
    if (env.length === 0 && remove.length === 0) throw new CommandError("at least one environment variable must be provided");
    return setPodSpecs(ctx, resources, "env updated", "env", (spec, errors) => {
      for (const container of selectContainers(spec, selector)) {
        const current = (container.env as EnvVar[] | undefined) ?? [];
        if (!ctx.flags.bool("overwrite")) {
          for (const e of env) {
            const existing = current.find((c) => c.name === e.name);
            if (existing) errors.push(`error: '${existing.name}' already has a value (${existing.value ?? ""}), and --overwrite is false`);
          }
        }
        const next = updateEnv(current, env, remove);
        if (next.length > 0) container.env = next;
        else delete container.env;
      }
    });
  },
};

/** kubectl's updateEnv: set in place or append, then drop the removed names. */
function updateEnv(existing: EnvVar[], add: EnvVar[], remove: string[]): EnvVar[] {
  const out = existing.map((e) => ({ ...e }));
  for (const e of add) {
    const at = out.findIndex((x) => x.name === e.name);
    if (at >= 0) out[at] = e;
    else out.push(e);
  }
  return out.filter((e) => !remove.includes(e.name));
}

/** `--from=configmap/x` or `secret/x`: one env var per key, referring to it. */
async function fromSource(ctx: Parameters<NonNullable<Command["run"]>>[0]): Promise<EnvVar[]> {
  const from = ctx.flags.string("from");
  if (from === "") return [];
  const slash = from.indexOf("/");
  const [resource] = await resolveResource(ctx.discovery, slash < 0 ? from : from.slice(0, slash));
  if (!resource || slash < 0) throw new CommandError("unsupported resource specified in --from");
  const name = from.slice(slash + 1);
  const object = await ctx.client.get(resourcePath(resource, ctx.namespace, name));
  const refKind = resource.kind === "ConfigMap" ? "configMapKeyRef" : resource.kind === "Secret" ? "secretKeyRef" : undefined;
  if (!refKind) throw new CommandError("unsupported resource specified in --from");
  const keys = ctx.flags.strings("keys");
  const data = { ...((object.data as Record<string, string> | undefined) ?? {}), ...(refKind === "configMapKeyRef" ? ((object.binaryData as Record<string, string> | undefined) ?? {}) : {}) };
  return Object.keys(data)
    .sort()
    .filter((key) => keys.length === 0 || keys.includes(key))
    .map((key) => ({ name: `${ctx.flags.string("prefix")}${envName(key)}`, valueFrom: { [refKind]: { key, name } } }));
}
