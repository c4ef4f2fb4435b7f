/** `kubectl create deployment NAME …`: exactly one name, as cmdutil.NameFromCommandArgs demands. */
import type { CommandContext } from "../command";
import { UsageError } from "../errors";

export function nameArg(ctx: CommandContext, args: string[] = ctx.args): string {
  if (args.length !== 1 || args[0] === undefined) {
    throw new UsageError(`exactly one NAME is required, got ${args.length}\nSee '${ctx.commandPath} -h' for help and examples`);
  }
  return args[0];
}
