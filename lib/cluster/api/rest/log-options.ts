import { badRequest } from "../status";
import type { LogOptions } from "./pod-subresources";

/** PodLogOptions from the query, refusing what Kubernetes refuses (negative counts, non-numbers). */
export function logOptions(query: URLSearchParams): LogOptions {
  const count = (name: string, min: number): number | undefined => {
    const raw = query.get(name);
    if (raw === null || raw === "") return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw badRequest(`PodLogOptions "${name}" is invalid: must be greater than or equal to ${min}`);
    return value;
  };
  const flag = (name: string) => query.get(name) === "true";
  const tailLines = count("tailLines", 0);
  const sinceSeconds = count("sinceSeconds", 1);
  const limitBytes = count("limitBytes", 1);
  return {
    container: query.get("container"),
    previous: flag("previous"),
    timestamps: flag("timestamps"),
    ...(tailLines !== undefined ? { tailLines } : {}),
    ...(sinceSeconds !== undefined ? { sinceSeconds } : {}),
    ...(limitBytes !== undefined ? { limitBytes } : {}),
  };
}
