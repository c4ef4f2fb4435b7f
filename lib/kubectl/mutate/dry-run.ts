/** `--dry-run=none|client|server` as kubectl reads it, and the suffix its messages get. */
import { CommandError } from "../errors";

export type DryRun = "none" | "client" | "server";

export function parseDryRun(value: string): DryRun {
  if (value === "" || value === "none" || value === "false") return "none";
  if (value === "client" || value === "server") return value;
  if (value === "true") return "client";
  throw new CommandError(`Invalid dry-run value (${value}). Must be "none", "server", or "client".`);
}

export function dryRunSuffix(dryRun: DryRun): string {
  return dryRun === "client" ? " (dry run)" : dryRun === "server" ? " (server dry run)" : "";
}

/** Query parameters of a write: the field manager kubectl names, strict validation, and dryRun=All. */
export function writeQuery(fieldManager: string, dryRun: DryRun, validate = true): Record<string, string> {
  return { ...(dryRun === "server" ? { dryRun: "All" } : {}), fieldManager, ...(validate ? { fieldValidation: "Strict" } : {}) };
}
