import { fnv32aText } from "../../hash/fnv32a";

/** A stable 64-hex-digit digest for simulated container and image ids: FNV-1a rounds, chained. */
export function hashText(text: string): string {
  let hash: number | undefined;
  let out = "";
  for (let round = 0; round < 8; round++) {
    hash = fnv32aText(`${round}:${text}`, hash);
    out += hash.toString(16).padStart(8, "0");
  }
  return out;
}
