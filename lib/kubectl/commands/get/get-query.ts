import type { CommandContext } from "../../command";

/** The list query a `get` sends: selectors and the chunk size kubectl uses. */
export function listQuery(ctx: CommandContext, extra: Record<string, string> = {}): Record<string, string> {
  const query: Record<string, string> = {};
  const labels = ctx.flags.string("selector");
  const fields = ctx.flags.string("field-selector");
  if (labels) query.labelSelector = labels;
  if (fields) query.fieldSelector = fields;
  const chunk = ctx.flags.int("chunk-size");
  if (chunk > 0) query.limit = String(chunk);
  return { ...query, ...extra };
}
