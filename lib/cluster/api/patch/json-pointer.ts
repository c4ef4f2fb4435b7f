/**
 * RFC 6901 JSON pointers: `/spec/containers/0/image`, with `~1` for "/" and `~0` for "~" inside a token.
 */
import { getOwn, isJsonObject, type JsonValue } from "./json-value";

export class JsonPointerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JsonPointerError";
  }
}

export const escapePointerToken = (token: string): string => token.replace(/~/g, "~0").replace(/\//g, "~1");

/** Decodes in one pass, so `~01` is the text `~1`, not `/`. Other `~` sequences are left as they are. */
export const unescapePointerToken = (token: string): string =>
  token.replace(/~[01]/g, (sequence) => (sequence === "~1" ? "/" : "~"));

/** The reference tokens of a pointer; "" is the whole document. Throws unless the pointer is "" or starts with "/". */
export function parsePointer(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new JsonPointerError(`JSON pointer must be empty or start with "/": ${pointer}`);
  return pointer.slice(1).split("/").map(unescapePointerToken);
}

export const formatPointer = (tokens: readonly string[]): string =>
  tokens.map((token) => `/${escapePointerToken(token)}`).join("");

const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/** The value a pointer refers to, or undefined when there is none (array indexes as RFC 6901 spells them). */
export function resolvePointer(document: JsonValue, pointer: string): JsonValue | undefined {
  let current: JsonValue | undefined = document;
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(current)) {
      current = ARRAY_INDEX.test(token) ? current[Number(token)] : undefined;
    } else if (isJsonObject(current)) {
      current = getOwn(current, token);
    } else {
      return undefined;
    }
  }
  return current;
}
