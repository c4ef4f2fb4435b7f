/** The jq language subset: tokens and a precedence-climbing parser into a small syntax tree. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type Node =
  | { t: "identity" }
  | { t: "recurse" }
  | { t: "literal"; value: Json }
  | { t: "field"; of: Node; name: string; optional: boolean }
  | { t: "index"; of: Node; index: Node; optional: boolean }
  | { t: "slice"; of: Node; from?: Node; to?: Node }
  | { t: "iterate"; of: Node; optional: boolean }
  | { t: "pipe" | "comma" | "alt" | "and" | "or"; left: Node; right: Node }
  | { t: "binary"; op: string; left: Node; right: Node }
  | { t: "collect"; body?: Node }
  | { t: "object"; entries: { key: Node; value?: Node }[] }
  | { t: "call"; name: string; args: Node[] }
  | { t: "var"; name: string };

export class JqError extends Error {}

const TOKEN = /\s*(\.\.|\.[A-Za-z_][A-Za-z0-9_]*|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|==|!=|<=|>=|\/\/|[A-Za-z_][A-Za-z0-9_]*|\$[A-Za-z_]+|@[a-z0-9]+|[.[\](){}|,:;<>+\-*/?])/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(source);
    if (!m) {
      if (source.slice(at).trim() === "") break;
      throw new JqError(`syntax error, unexpected INVALID_CHARACTER (Unix shell quoting issues?) at <top-level>, line 1:`);
    }
    tokens.push(m[1]!);
  }
  return tokens;
}

export function parseJq(source: string): Node {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const take = (expected?: string) => {
    const token = tokens[pos++];
    if (token === undefined || (expected !== undefined && token !== expected)) throw new JqError(`syntax error, unexpected ${token ?? "end of file"} at <top-level>, line 1:`);
    return token;
  };
  const binaryLevel = (next: () => Node, ops: string[], make: (op: string, l: Node, r: Node) => Node) => (): Node => {
    let left = next();
    while (ops.includes(peek() ?? "")) {
      const op = take();
      left = make(op, left, next());
    }
    return left;
  };
  const postfix = (base: Node): Node => {
    let node = base;
    for (;;) {
      const token = peek();
      if (token?.startsWith(".") && token.length > 1 && token !== "..") {
        take();
        node = { t: "field", of: node, name: token.slice(1), optional: false };
      } else if (token === "." && tokens[pos + 1] === "[") {
        take();
      } else if (token === "[") {
        take();
        if (peek() === "]") {
          take();
          node = { t: "iterate", of: node, optional: false };
        } else {
          const from = peek() === ":" ? undefined : pipe();
          if (peek() === ":") {
            take();
            const to = peek() === "]" ? undefined : pipe();
            take("]");
            node = { t: "slice", of: node, from, to };
          } else {
            take("]");
            node = { t: "index", of: node, index: from!, optional: false };
          }
        }
      } else if (token === "?") {
        take();
        if ("optional" in node) node = { ...node, optional: true };
      } else return node;
    }
  };
  const term = (): Node => {
    const token = take();
    if (token === ".") return postfix(peek() === "[" ? { t: "identity" } : { t: "identity" });
    if (token === "..") return postfix({ t: "recurse" });
    if (token.startsWith(".")) return postfix({ t: "field", of: { t: "identity" }, name: token.slice(1), optional: false });
    if (token.startsWith('"')) return postfix({ t: "literal", value: JSON.parse(token) as string });
    if (/^-?\d/.test(token)) return { t: "literal", value: Number(token) };
    if (token === "(") {
      const inner = pipe();
      take(")");
      return postfix(inner);
    }
    if (token === "[") {
      if (peek() === "]") {
        take();
        return postfix({ t: "collect" });
      }
      const body = pipe();
      take("]");
      return postfix({ t: "collect", body });
    }
    if (token === "{") {
      const entries: { key: Node; value?: Node }[] = [];
      while (peek() !== "}") {
        const keyToken = take();
        const key: Node = keyToken.startsWith('"') ? { t: "literal", value: JSON.parse(keyToken) as string } : { t: "literal", value: keyToken.replace(/^\$/, "") };
        let value: Node | undefined;
        if (peek() === ":") {
          take();
          value = alt();
        }
        entries.push({ key, value });
        if (peek() === ",") take();
        else break;
      }
      take("}");
      return postfix({ t: "object", entries });
    }
    if (token.startsWith("$")) return postfix({ t: "var", name: token.slice(1) });
    if (token === "true" || token === "false" || token === "null") return { t: "literal", value: JSON.parse(token) as Json };
    if (/^[A-Za-z_@]/.test(token)) {
      const args: Node[] = [];
      if (peek() === "(") {
        take();
        for (;;) {
          args.push(pipe());
          if (peek() === ";") take();
          else break;
        }
        take(")");
      }
      return postfix({ t: "call", name: token, args });
    }
    throw new JqError(`syntax error, unexpected '${token}' at <top-level>, line 1:`);
  };
  const additive = binaryLevel(() => postfix(term()), ["+", "-", "*", "/"], (op, left, right) => ({ t: "binary", op, left, right }));
  const compare = binaryLevel(additive, ["==", "!=", "<", "<=", ">", ">="], (op, left, right) => ({ t: "binary", op, left, right }));
  const and = binaryLevel(compare, ["and"], (_op, left, right) => ({ t: "and", left, right }));
  const or = binaryLevel(and, ["or"], (_op, left, right) => ({ t: "or", left, right }));
  const alt: () => Node = binaryLevel(or, ["//"], (_op, left, right) => ({ t: "alt", left, right }));
  const comma = binaryLevel(alt, [","], (_op, left, right) => ({ t: "comma", left, right }));
  const pipe: () => Node = binaryLevel(comma, ["|"], (_op, left, right) => ({ t: "pipe", left, right }));
  if (tokens.length === 0) return { t: "identity" };
  const root = pipe();
  if (pos < tokens.length) throw new JqError(`syntax error, unexpected '${tokens[pos]}' at <top-level>, line 1:`);
  return root;
}

