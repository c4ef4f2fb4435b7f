/**
 * What a command throws to fail with kubectl's own words. The program prints it and exits 1 (or `exitCode`).
 * - CommandError: `error: <message>` (cmdutil.CheckErr's plain errors).
 * - UsageError: `error: <message>` then `See '<command> --help' for usage.`
 * - OutputError: text printed to stderr verbatim (multi-line messages kubectl prints without a prefix).
 * API failures are KubeApiError (client/kube-api-error.ts): `Error from server (Reason): message`.
 */
export class CommandError extends Error {
  override name = "CommandError";
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export class UsageError extends Error {
  override name = "UsageError";
}

export class OutputError extends Error {
  override name = "OutputError";
  constructor(
    readonly text: string,
    readonly exitCode = 1,
  ) {
    super(text);
  }
}

/** Ends the command with an exit code and nothing more to print (e.g. `auth can-i` answering "no"). */
export class ExitCode extends Error {
  override name = "ExitCode";
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** The resource builder's error when a command names no resource and no file (delete, scale, set image, …). */
export const noResourcesMessage = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;
