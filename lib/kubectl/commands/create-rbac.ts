import { flag, type Command, type CommandContext } from "../command";
import { CommandError, OutputError } from "../errors";
import { collectionPath, createObject, enforcedNamespace } from "../mutate/create-object";
import { dryRunFlag } from "../mutate/file-flags";
import { GeneratorError } from "../mutate/generators/generator-error";
import { bindingObject, policyRules, roleObject, validateVerbs, type RuleResource } from "../mutate/generators/rbac-objects";
import { nameArg } from "../mutate/name-arg";
import { outputFlag } from "../mutate/print-result";
import { resolveResource } from "../resources/resolve-resource";

const RBAC_V1 = "rbac.authorization.k8s.io/v1";
const common = () => [dryRunFlag(), outputFlag(), flag("field-manager", undefined, "string", "Name of the manager used to track field ownership.", "kubectl-create")];

function generated<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof GeneratorError) throw new CommandError(error.message);
    throw error;
  }
}

/** `pods`, `deployments.apps`, `pods/log`: resolved to plural and group through discovery, as kubectl's mapper does. */
async function ruleResources(ctx: CommandContext): Promise<RuleResource[]> {
  const out: RuleResource[] = [];
  for (const word of ctx.flags.strings("resource")) {
    const slash = word.indexOf("/");
    const [typed, subresource] = slash >= 0 ? [word.slice(0, slash), word.slice(slash + 1)] : [word, undefined];
    if (typed === "") throw new CommandError("resource must be specified if apiGroup/subresource specified");
    if (typed === "*") {
      out.push({ group: "", resource: "*", ...(subresource ? { subresource } : {}) });
      continue;
    }
    const [resource] = await resolveResource(ctx.discovery, typed).catch(() => {
      // kubectl splits `nodes.metrics.k8s.io` at the first dot; its mapper's miss is printed without "error: ".
      const dot = typed.indexOf(".");
      const [name, group] = dot >= 0 ? [typed.slice(0, dot), typed.slice(dot + 1)] : [typed, ""];
      throw new OutputError(`the server doesn't have a resource type "${name}"${group ? ` in group "${group}"` : ""}`);
    });
    if (!resource) throw new CommandError(`the server doesn't have a resource type "${typed}"`);
    out.push({ group: resource.group, resource: resource.name, ...(subresource ? { subresource } : {}) });
  }
  return out;
}

function roleCommand(kind: "Role" | "ClusterRole"): Command {
  const namespaced = kind === "Role";
  return {
    name: kind.toLowerCase(),
    short: namespaced ? "Create a role with single rule" : "Create a cluster role",
    usage: `kubectl create ${kind.toLowerCase()} NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none] [options]`,
    flags: [
      flag("verb", undefined, "stringSlice", "Verb that applies to the resources contained in the rule"),
      flag("resource", undefined, "stringSlice", "Resource that the rule applies to"),
      flag("resource-name", undefined, "stringArray", "Resource in the white list that the rule applies to, repeat this flag for multiple items"),
      ...common(),
    ],
    async run(ctx) {
      const name = nameArg(ctx);
      const verbs = ctx.flags.strings("verb");
      for (const warning of generated(() => validateVerbs(verbs, false))) ctx.err(`${warning}\n`);
      if (ctx.flags.strings("resource").length === 0) throw new CommandError("at least one resource must be specified");
      const rules = policyRules(verbs, await ruleResources(ctx), ctx.flags.strings("resource-name"));
      const object = roleObject(kind, name, rules, namespaced ? enforcedNamespace(ctx) : undefined);
      const plural = namespaced ? "roles" : "clusterroles";
      return createObject(ctx, { path: collectionPath(RBAC_V1, plural, namespaced ? ctx.namespace : undefined), prefix: `${kind.toLowerCase()}.rbac.authorization.k8s.io` }, object);
    },
  };
}

function bindingCommand(kind: "RoleBinding" | "ClusterRoleBinding"): Command {
  const namespaced = kind === "RoleBinding";
  return {
    name: kind.toLowerCase(),
    short: namespaced ? "Create a role binding for a particular role or cluster role" : "Create a cluster role binding for a particular cluster role",
    usage: `kubectl create ${kind.toLowerCase()} NAME --clusterrole=NAME${namespaced ? "|--role=NAME" : ""} [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]`,
    flags: [
      ...(namespaced ? [flag("role", undefined, "string", "Role this RoleBinding should reference")] : []),
      flag("clusterrole", undefined, "string", "ClusterRole this binding should reference"),
      flag("user", undefined, "stringArray", "Usernames to bind to the role. The flag can be repeated to add multiple users."),
      flag("group", undefined, "stringArray", "Groups to bind to the role. The flag can be repeated to add multiple groups."),
      flag("serviceaccount", undefined, "stringArray", "Service accounts to bind to the role, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts."),
      ...common(),
    ],
    async run(ctx) {
      const name = nameArg(ctx);
      const object = generated(() =>
        bindingObject(kind, {
          name,
          ...(namespaced && ctx.flags.string("role") ? { role: ctx.flags.string("role") } : {}),
          ...(ctx.flags.string("clusterrole") ? { clusterRole: ctx.flags.string("clusterrole") } : {}),
          users: ctx.flags.strings("user"),
          groups: ctx.flags.strings("group"),
          serviceAccounts: ctx.flags.strings("serviceaccount"),
          namespace: namespaced ? enforcedNamespace(ctx) : undefined,
        }),
      );
      const plural = namespaced ? "rolebindings" : "clusterrolebindings";
      return createObject(
        ctx,
        { path: collectionPath(RBAC_V1, plural, namespaced ? ctx.namespace : undefined), prefix: `${kind.toLowerCase()}.rbac.authorization.k8s.io`, failure: `failed to create ${kind.toLowerCase()}` },
        object,
      );
    },
  };
}

export const createRoleCommand = roleCommand("Role");
export const createClusterRoleCommand = roleCommand("ClusterRole");
export const createRoleBindingCommand = bindingCommand("RoleBinding");
export const createClusterRoleBindingCommand = bindingCommand("ClusterRoleBinding");
