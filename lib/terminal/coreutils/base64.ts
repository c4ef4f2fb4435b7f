import type { ProgramContext } from "../program";
import { parseOptions, readInputs, usageError } from "./util";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function encodeBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + (b === undefined ? "=" : ALPHABET[(n >> 6) & 63]!) + (c === undefined ? "=" : ALPHABET[n & 63]!);
  }
  return out;
}

/** Decodes base64, ignoring newlines; undefined on a character outside the alphabet (`-i` skips them). */
export function decodeBase64(text: string, ignoreGarbage = false): Uint8Array | undefined {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of text) {
    if (c === "=" || c === "\n" || c === "\r") continue;
    const index = ALPHABET.indexOf(c === "-" ? "+" : c === "_" ? "/" : c);
    if (index < 0) {
      if (ignoreGarbage) continue;
      return undefined;
    }
    value = (value << 6) | index;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 255);
    }
  }
  return Uint8Array.from(bytes);
}

/** base64 [-d] [-i] [-w COLS] [FILE]: text is UTF-8 on the way in and out. */
export async function base64(ctx: ProgramContext): Promise<number> {
  const parsed = parseOptions("base64", ctx.argv.slice(1), { booleans: "di", values: "w", long: { decode: "d", wrap: "w", "ignore-garbage": "i" } });
  if ("error" in parsed) return usageError(ctx, parsed.error);
  const { flags } = parsed;
  if (parsed.operands.length > 1) return usageError(ctx, `base64: extra operand ‘${parsed.operands[1]}’`);
  const { inputs, status } = await readInputs(ctx, "base64", parsed.operands);
  if (status !== 0) return status;
  const text = inputs[0]?.text ?? "";
  if (flags.has("d")) {
    const bytes = decodeBase64(text.replace(/\s/g, (s) => (s === " " ? " " : "")), flags.has("i"));
    if (!bytes) return usageError(ctx, "base64: invalid input");
    ctx.stdout.write(new TextDecoder().decode(bytes));
    return 0;
  }
  const wrap = Number(flags.get("w") ?? 76);
  if (!Number.isInteger(wrap) || wrap < 0) return usageError(ctx, `base64: invalid wrap size: ‘${String(flags.get("w"))}’`);
  const encoded = encodeBase64(new TextEncoder().encode(text));
  if (wrap === 0) ctx.stdout.write(encoded);
  else if (encoded !== "") ctx.stdout.write((encoded.match(new RegExp(`.{1,${wrap}}`, "g")) ?? []).join("\n") + "\n");
  return 0;
}
