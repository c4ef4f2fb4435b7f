import { posix } from "node:path";
import { flag, type Command, type CommandContext } from "../command";
import { CommandError } from "../errors";
import { FsError } from "../../terminal/virtual-fs";
import { collectionPath, createObject, enforcedNamespace } from "../mutate/create-object";
import { dryRunFlag } from "../mutate/file-flags";
import { configMapObject, dockerRegistrySecretObject, namespaceObject, secretObject, serviceAccountObject, tlsSecretObject, tokenRequestObject } from "../mutate/generators/config-objects";
import { readDataSources } from "../mutate/generators/data-sources";
import { GeneratorError } from "../mutate/generators/generator-error";
import { parseGoDuration } from "../mutate/go-duration";
import { nameArg } from "../mutate/name-arg";
import { outputFlag } from "../mutate/print-result";

const common = () => [dryRunFlag(), outputFlag(), flag("field-manager", undefined, "string", "Name of the manager used to track field ownership.", "kubectl-create")];
const sourceFlags = () => [
  flag("from-literal", undefined, "stringArray", "Specify a key and literal value to insert (i.e. mykey=somevalue)"),
  flag("from-file", undefined, "stringSlice", "Key file can be specified using its file path, in which case file basename will be used as the key."),
  flag("from-env-file", undefined, "stringSlice", "Specify the path to a file to read lines of key=val pairs."),
];

/** Generator failures read as kubectl's `error: …` lines. */
async function generating<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GeneratorError) throw new CommandError(error.message);
    throw error;
  }
}

async function readData(ctx: CommandContext, kind: string, name: string): Promise<Map<string, string>> {
  const envFiles = ctx.flags.strings("from-env-file");
  if (envFiles.length > 0 && (ctx.flags.strings("from-file").length > 0 || ctx.flags.strings("from-literal").length > 0)) {
    throw new CommandError("from-env-file cannot be combined with from-file or from-literal");
  }
  const sources = { literals: ctx.flags.strings("from-literal"), files: ctx.flags.strings("from-file"), envFiles };
  return generating(() => readDataSources({ fs: ctx.io.fs, cwd: ctx.io.cwd, env: ctx.io.env }, sources, kind, name));
}

export const createConfigMapCommand: Command = {
  name: "configmap",
  aliases: ["cm"],
  short: "Create a config map from a local file, directory or literal value",
  usage: "kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]",
  flags: [...sourceFlags(), ...common()],
  async run(ctx) {
    const name = nameArg(ctx);
    const object = configMapObject(name, await readData(ctx, "ConfigMap", name), enforcedNamespace(ctx));
    return createObject(ctx, { path: collectionPath("v1", "configmaps", ctx.namespace), prefix: "configmap", failure: "failed to create configmap" }, object);
  },
};

const secretPath = (ctx: CommandContext) => collectionPath("v1", "secrets", ctx.namespace);
// kubectl's own wording has no colon here.
const secretFailure = { failure: "failed to create secret" };

async function createSecret(ctx: CommandContext, object: Parameters<typeof createObject>[2]): Promise<number> {
  try {
    return await createObject(ctx, { path: secretPath(ctx), prefix: "secret" }, object);
  } catch (error) {
    if (error instanceof Error && error.name === "KubeApiError") throw new CommandError(`${secretFailure.failure} ${error.message}`);
    throw error;
  }
}

const createSecretGeneric: Command = {
  name: "generic",
  short: "Create a secret from a local file, directory, or literal value",
  usage: "kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]",
  flags: [...sourceFlags(), flag("type", undefined, "string", "The type of secret to create"), ...common()],
  async run(ctx) {
    const name = nameArg(ctx);
    return createSecret(ctx, secretObject(name, ctx.flags.string("type"), await readData(ctx, "Secret", name), enforcedNamespace(ctx)));
  },
};

const createSecretTls: Command = {
  name: "tls",
  short: "Create a TLS secret",
  usage: "kubectl create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]",
  flags: [flag("cert", undefined, "string", "Path to PEM encoded public key certificate."), flag("key", undefined, "string", "Path to private key associated with given certificate."), ...common()],
  async run(ctx) {
    const name = nameArg(ctx);
    const read = async (flagName: string) => {
      const path = ctx.flags.string(flagName);
      try {
        return await ctx.io.fs.readFile(posix.resolve(ctx.io.cwd, path));
      } catch (error) {
        if (error instanceof FsError) throw new CommandError(`Cannot read file ${path}, open ${path}: no such file or directory`);
        throw error;
      }
    };
    if (!ctx.flags.string("cert") || !ctx.flags.string("key")) throw new CommandError("key and cert must be specified");
    const [cert, key] = [await read("cert"), await read("key")];
    return createSecret(ctx, await generating(() => Promise.resolve(tlsSecretObject(name, cert, key, enforcedNamespace(ctx)))));
  },
};

const createSecretDockerRegistry: Command = {
  name: "docker-registry",
  short: "Create a secret for use with a Docker registry",
  usage: "kubectl create secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]",
  flags: [
    flag("docker-server", undefined, "string", "Server location for Docker registry", "https://index.docker.io/v1/"),
    flag("docker-username", undefined, "string", "Username for Docker registry authentication"),
    flag("docker-password", undefined, "string", "Password for Docker registry authentication"),
    flag("docker-email", undefined, "string", "Email for Docker registry"),
    ...common(),
  ],
  async run(ctx) {
    const name = nameArg(ctx);
    const o = { server: ctx.flags.string("docker-server"), username: ctx.flags.string("docker-username"), password: ctx.flags.string("docker-password"), email: ctx.flags.string("docker-email") };
    if (!o.username || !o.password || !o.server) {
      throw new CommandError("either --from-file or the combination of --docker-username, --docker-password and --docker-server is required");
    }
    return createSecret(ctx, dockerRegistrySecretObject(name, o, enforcedNamespace(ctx)));
  },
};

export const createSecretCommand: Command = {
  name: "secret",
  short: "Create a secret using a specified subcommand",
  usage: "kubectl create secret (docker-registry | generic | tls) [options]",
  subcommands: [createSecretDockerRegistry, createSecretGeneric, createSecretTls],
};

export const createNamespaceCommand: Command = {
  name: "namespace",
  aliases: ["ns"],
  short: "Create a namespace with the specified name",
  usage: "kubectl create namespace NAME [--dry-run=server|client|none] [options]",
  flags: common(),
  async run(ctx) {
    return createObject(ctx, { path: "/api/v1/namespaces", prefix: "namespace" }, namespaceObject(nameArg(ctx)));
  },
};

export const createServiceAccountCommand: Command = {
  name: "serviceaccount",
  aliases: ["sa"],
  short: "Create a service account with the specified name",
  usage: "kubectl create serviceaccount NAME [--dry-run=server|client|none] [options]",
  flags: common(),
  async run(ctx) {
    const object = serviceAccountObject(nameArg(ctx), enforcedNamespace(ctx));
    return createObject(ctx, { path: collectionPath("v1", "serviceaccounts", ctx.namespace), prefix: "serviceaccount", failure: "failed to create serviceaccount" }, object);
  },
};

export const createTokenCommand: Command = {
  name: "token",
  short: "Request a service account token",
  usage: "kubectl create token SERVICE_ACCOUNT_NAME [options]",
  flags: [
    flag("duration", undefined, "string", "Requested lifetime of the issued token.", "0s"),
    flag("audience", undefined, "stringArray", "Audience of the requested token."),
    outputFlag(),
  ],
  async run(ctx) {
    const name = nameArg(ctx);
    const duration = parseGoDuration(ctx.flags.string("duration"));
    if (duration === undefined) throw new CommandError(`invalid argument "${ctx.flags.string("duration")}" for "--duration" flag: time: invalid duration "${ctx.flags.string("duration")}"`);
    if (duration < 0) throw new CommandError("--duration must be greater than or equal to 0");
    if (duration % 1000 !== 0) throw new CommandError("--duration cannot be expressed in units less than seconds");
    const audiences = ctx.flags.strings("audience");
    if (audiences.includes("")) throw new CommandError("--audience must not be an empty string");
    const path = `${collectionPath("v1", "serviceaccounts", ctx.namespace)}/${encodeURIComponent(name)}/token`;
    let response: { status?: { token?: string } };
    try {
      response = (await ctx.client.create(path, tokenRequestObject(duration > 0 ? duration / 1000 : undefined, audiences))) as typeof response;
    } catch (error) {
      if (error instanceof Error && error.name === "KubeApiError") throw new CommandError(`failed to create token: ${error.message}`);
      throw error;
    }
    const token = response.status?.token ?? "";
    if (!token) throw new CommandError("failed to create token: no token in server response");
    ctx.out(ctx.io.tty ? `${token}\n` : token);
    return 0;
  },
};
