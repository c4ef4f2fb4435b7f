/** Evaluates jq-parse.ts trees: every filter maps one input to a stream (array) of outputs, as jq does. */
import { JqError, type Json, type Node } from "./jq-parse";

export { JqError, parseJq, type Json } from "./jq-parse";

const str = (v: Json): string => (typeof v === "string" ? v : JSON.stringify(v));
const typeName = (v: Json): string => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "object" ? "object" : typeof v);
const truthy = (v: Json) => v !== null && v !== false;

function compareJson(a: Json, b: Json): number {
  const order = ["null", "boolean", "number", "string", "array", "object"];
  const ta = order.indexOf(typeName(a));
  const tb = order.indexOf(typeName(b));
  if (ta !== tb) return ta - tb;
  if (typeof a === "number" || typeof a === "string" || typeof a === "boolean") return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
  return JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0;
}

function describe(v: Json): string {
  const text = JSON.stringify(v);
  return `${typeName(v)} (${text.length > 11 ? text.slice(0, 10) + "..." : text})`;
}

export function evaluate(node: Node, input: Json, vars: Record<string, Json> = {}): Json[] {
  const ev = (n: Node, v: Json = input) => evaluate(n, v, vars);
  switch (node.t) {
    case "identity":
      return [input];
    case "recurse": {
      const out: Json[] = [];
      const walk = (v: Json) => {
        out.push(v);
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === "object") Object.values(v).forEach(walk);
      };
      walk(input);
      return out;
    }
    case "literal":
      return [node.value];
    case "var":
      if (!(node.name in vars)) throw new JqError(`$${node.name} is not defined`);
      return [vars[node.name]!];
    case "field":
      return ev(node.of).flatMap((v) => {
        if (v === null) return [null];
        if (typeof v === "object" && !Array.isArray(v)) return [v[node.name] ?? null];
        if (node.optional) return [];
        throw new JqError(`Cannot index ${typeName(v)} with "${node.name}"`);
      });
    case "index":
      return ev(node.of).flatMap((v) =>
        ev(node.index).map((key) => {
          if (v === null) return null;
          if (Array.isArray(v) && typeof key === "number") return v[key < 0 ? v.length + key : key] ?? null;
          if (typeof v === "object" && !Array.isArray(v) && typeof key === "string") return v[key] ?? null;
          throw new JqError(`Cannot index ${typeName(v)} with ${typeName(key)}`);
        }),
      );
    case "slice":
      return ev(node.of).map((v) => {
        const from = node.from ? (ev(node.from)[0] as number) : undefined;
        const to = node.to ? (ev(node.to)[0] as number) : undefined;
        if (typeof v === "string" || Array.isArray(v)) return v.slice(from, to);
        if (v === null) return null;
        throw new JqError(`Cannot index ${typeName(v)} with object`);
      });
    case "iterate":
      return ev(node.of).flatMap((v) => {
        if (Array.isArray(v)) return v;
        if (v && typeof v === "object") return Object.values(v);
        if (node.optional) return [];
        throw new JqError(`Cannot iterate over ${v === null ? "null" : describe(v)}`);
      });
    case "pipe":
      return ev(node.left).flatMap((v) => ev(node.right, v));
    case "comma":
      return [...ev(node.left), ...ev(node.right)];
    case "alt": {
      const left = (() => {
        try {
          return ev(node.left).filter(truthy);
        } catch {
          return [];
        }
      })();
      return left.length > 0 ? left : ev(node.right);
    }
    case "and":
      return ev(node.left).flatMap((l) => (truthy(l) ? ev(node.right).map(truthy) : [false]));
    case "or":
      return ev(node.left).flatMap((l) => (truthy(l) ? [true] : ev(node.right).map(truthy)));
    case "binary":
      return ev(node.right).flatMap((r) => ev(node.left).map((l) => binary(node.op, l, r)));
    case "collect":
      return [node.body ? ev(node.body) : []];
    case "object": {
      let results: { [key: string]: Json }[] = [{}];
      for (const entry of node.entries) {
        const keys = ev(entry.key);
        const next: { [key: string]: Json }[] = [];
        for (const partial of results)
          for (const key of keys) {
            if (typeof key !== "string") throw new JqError(`Object keys must be strings`);
            const values = entry.value ? ev(entry.value) : key in vars ? [vars[key]!] : [input && typeof input === "object" && !Array.isArray(input) ? (input[key] ?? null) : null];
            for (const value of values) next.push({ ...partial, [key]: value });
          }
        results = next;
      }
      return results;
    }
    case "call":
      return call(node.name, node.args, input, vars);
  }
}

function binary(op: string, l: Json, r: Json): Json {
  switch (op) {
    case "==":
      return compareJson(l, r) === 0;
    case "!=":
      return compareJson(l, r) !== 0;
    case "<":
      return compareJson(l, r) < 0;
    case "<=":
      return compareJson(l, r) <= 0;
    case ">":
      return compareJson(l, r) > 0;
    case ">=":
      return compareJson(l, r) >= 0;
  }
  if (op === "+") {
    if (l === null) return r;
    if (r === null) return l;
    if (typeof l === "number" && typeof r === "number") return l + r;
    if (typeof l === "string" && typeof r === "string") return l + r;
    if (Array.isArray(l) && Array.isArray(r)) return [...l, ...r];
    if (l && r && typeof l === "object" && typeof r === "object" && !Array.isArray(l) && !Array.isArray(r)) return { ...l, ...r };
  }
  if (typeof l === "number" && typeof r === "number") return op === "-" ? l - r : op === "*" ? l * r : l / r;
  throw new JqError(`${describe(l)} and ${describe(r)} cannot be ${op === "+" ? "added" : op === "-" ? "subtracted" : op === "*" ? "multiplied" : "divided"}`);
}

function call(name: string, args: Node[], input: Json, vars: Record<string, Json>): Json[] {
  const arg = (i: number, v: Json = input) => evaluate(args[i]!, v, vars);
  const keysOf = (v: Json): string[] | number[] => {
    if (Array.isArray(v)) return v.map((_, i) => i);
    if (v && typeof v === "object") return Object.keys(v).sort();
    throw new JqError(`${describe(v)} has no keys`);
  };
  switch (name) {
    case "empty":
      return [];
    case "not":
      return [!truthy(input)];
    case "keys":
    case "keys_unsorted":
      return [keysOf(input)];
    case "length":
      if (input === null) return [0];
      if (typeof input === "string" || Array.isArray(input)) return [input.length];
      if (typeof input === "object") return [Object.keys(input).length];
      if (typeof input === "number") return [Math.abs(input)];
      throw new JqError(`${describe(input)} has no length`);
    case "type":
      return [typeName(input)];
    case "select":
      return arg(0).some(truthy) ? [input] : [];
    case "map":
      if (!Array.isArray(input) && !(input && typeof input === "object")) throw new JqError(`Cannot iterate over ${describe(input)}`);
      return [Object.values(input).flatMap((v) => arg(0, v))];
    case "has":
      return arg(0).map((key) => (Array.isArray(input) ? typeof key === "number" && key < input.length : input !== null && typeof input === "object" && typeof key === "string" && key in input));
    case "to_entries":
      if (!input || typeof input !== "object" || Array.isArray(input)) throw new JqError(`${describe(input)} has no keys`);
      return [Object.entries(input).map(([key, value]) => ({ key, value }))];
    case "from_entries":
      if (!Array.isArray(input)) throw new JqError(`Cannot iterate over ${describe(input)}`);
      return [Object.fromEntries(input.map((e) => (e && typeof e === "object" && !Array.isArray(e) ? [str(e.key ?? e.name ?? e.k ?? null), e.value ?? e.v ?? null] : ["", null])))];
    case "add":
      if (!Array.isArray(input)) throw new JqError(`Cannot iterate over ${describe(input)}`);
      return [input.reduce<Json>((sum, v) => binary("+", sum, v), null)];
    case "sort":
      if (!Array.isArray(input)) throw new JqError(`${describe(input)} cannot be sorted, as it is not an array`);
      return [[...input].sort(compareJson)];
    case "sort_by":
      if (!Array.isArray(input)) throw new JqError(`${describe(input)} cannot be sorted, as it is not an array`);
      return [[...input].sort((a, b) => compareJson(arg(0, a), arg(0, b)))];
    case "unique":
      if (!Array.isArray(input)) throw new JqError(`${describe(input)} cannot be sorted, as it is not an array`);
      return [[...input].sort(compareJson).filter((v, i, all) => i === 0 || compareJson(all[i - 1]!, v) !== 0)];
    case "first":
      return args.length > 0 ? arg(0).slice(0, 1) : [Array.isArray(input) ? (input[0] ?? null) : null];
    case "last":
      return [Array.isArray(input) ? (input[input.length - 1] ?? null) : null];
    case "reverse":
      return [Array.isArray(input) ? [...input].reverse() : typeof input === "string" ? [...input].reverse().join("") : []];
    case "tostring":
      return [typeof input === "string" ? input : JSON.stringify(input)];
    case "tonumber":
      if (typeof input === "number") return [input];
      if (typeof input === "string" && input.trim() !== "" && !Number.isNaN(Number(input))) return [Number(input)];
      throw new JqError(`Cannot parse '${str(input)}' as JSON`);
    case "ascii_downcase":
    case "ascii_upcase":
      if (typeof input !== "string") throw new JqError(`${name} input must be a string`);
      return [name === "ascii_downcase" ? input.toLowerCase() : input.toUpperCase()];
    case "join":
      return arg(0).map((sep) => (Array.isArray(input) ? input.map((v) => (v === null ? "" : typeof v === "string" ? v : JSON.stringify(v))).join(str(sep)) : null));
    case "split":
      return arg(0).map((sep) => (typeof input === "string" ? input.split(str(sep)) : null));
    case "startswith":
    case "endswith":
    case "contains":
    case "test":
      return arg(0).map((s) =>
        typeof input === "string" && typeof s === "string"
          ? name === "startswith"
            ? input.startsWith(s)
            : name === "endswith"
              ? input.endsWith(s)
              : name === "test"
                ? new RegExp(s).test(input)
                : input.includes(s)
          : JSON.stringify(input).includes(JSON.stringify(s).replace(/^\{|\}$/g, "")),
      );
    case "values":
      return truthy(input) || input === false ? [input] : [];
    case "@base64d":
      return [typeof input === "string" ? new TextDecoder().decode(Uint8Array.from(atob(input.replace(/\s/g, "")), (c) => c.charCodeAt(0))) : null];
    case "@base64":
      return [btoa(String.fromCharCode(...new TextEncoder().encode(typeof input === "string" ? input : JSON.stringify(input))))];
    case "@json":
      return [JSON.stringify(input)];
    case "@text":
      return [typeof input === "string" ? input : JSON.stringify(input)];
  }
  throw new JqError(`${name}/${args.length} is not defined at <top-level>, line 1:`);
}
