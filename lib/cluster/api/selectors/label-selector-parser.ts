/**
 * The query-string label selector grammar (`?labelSelector=`), read token by token the way apimachinery's
 * labels.Parse does, so accepted inputs and error messages are the same:
 *
 *   selector    ::= requirement | requirement "," selector
 *   requirement ::= ["!"] KEY [ ("in" | "notin") "(" VALUES ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
 */
import { formatFieldError } from "./field-errors";
import {
  LabelSelectorError,
  labelKeyFieldError,
  newLabelRequirement,
  sortByKey,
  type LabelOperator,
  type LabelRequirement,
} from "./label-requirement";

type Token = "error" | "end" | ")" | "," | "!" | "==" | "=" | ">" | "id" | "in" | "<" | "!=" | "notin" | "(";

interface Item {
  readonly token: Token;
  readonly literal: string;
}

const SYMBOLS: ReadonlySet<string> = new Set(["=", "!", "(", ")", ",", ">", "<"]);
const SYMBOL_TOKENS: ReadonlySet<string> = new Set([")", ",", "!", "==", "=", ">", "<", "!=", "("]);
const WHITESPACE: ReadonlySet<string> = new Set([" ", "\t", "\r", "\n"]);
const BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

/** Splits the text into tokens. A NUL character ends the input, as it does for the Go lexer. */
function scan(text: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  const peek = () => (pos < text.length && text[pos] !== "\0" ? (text[pos] ?? "") : "");
  for (;;) {
    while (WHITESPACE.has(peek())) pos++;
    const ch = peek();
    if (ch === "") {
      items.push({ token: "end", literal: "" });
      return items;
    }
    let buffer = "";
    if (SYMBOLS.has(ch)) {
      // Longest run of symbol characters that still spells an operator: "!=" but "=" then "(" in "=(".
      let last = "";
      while (SYMBOLS.has(peek())) {
        buffer += peek();
        if (SYMBOL_TOKENS.has(buffer)) last = buffer;
        else break;
        pos++;
      }
      items.push(
        last ? { token: last as Token, literal: last } : { token: "error", literal: `error expected: keyword found '${buffer}'` },
      );
      continue;
    }
    while (peek() !== "" && !SYMBOLS.has(peek()) && !WHITESPACE.has(peek())) buffer += text[pos++];
    const keyword = buffer === "in" || buffer === "notin";
    items.push({ token: keyword ? (buffer as Token) : "id", literal: buffer });
  }
}

class Parser {
  private position = 0;

  constructor(private readonly items: readonly Item[]) {}

  /** In value position the words `in` and `notin` are plain identifiers. */
  private read(asValue: boolean, advance: boolean): Item {
    const item = this.items[this.position] ?? { token: "end", literal: "" };
    if (advance) this.position++;
    return asValue && (item.token === "in" || item.token === "notin") ? { token: "id", literal: item.literal } : item;
  }

  private lookahead = (asValue = true) => this.read(asValue, false);
  private consume = (asValue = true) => this.read(asValue, true);

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const { token, literal } = this.lookahead();
      if (token === "end") return requirements;
      if (token !== "id" && token !== "!") {
        throw new LabelSelectorError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
      try {
        requirements.push(this.requirement());
      } catch (error) {
        if (!(error instanceof LabelSelectorError)) throw error;
        throw new LabelSelectorError(`unable to parse requirement: ${error.message}`, error.causes);
      }
      const next = this.consume();
      if (next.token === "end") return requirements;
      if (next.token !== ",") throw new LabelSelectorError(`found '${next.literal}', expected: ',' or 'end of string'`);
      const after = this.lookahead();
      if (after.token !== "id" && after.token !== "!") {
        throw new LabelSelectorError(`found '${after.literal}', expected: identifier after ','`);
      }
    }
  }

  private requirement(): LabelRequirement {
    let item = this.consume();
    const negated = item.token === "!";
    if (negated) item = this.consume();
    if (item.token !== "id") throw new LabelSelectorError(`found '${item.literal}', expected: identifier`);
    const key = item.literal;
    const keyError = labelKeyFieldError(key, "<nil>");
    if (keyError) throw new LabelSelectorError(formatFieldError(keyError), [keyError]);
    const next = this.lookahead().token;
    if (negated) return newLabelRequirement(key, "!", []);
    if (next === "end" || next === ",") return newLabelRequirement(key, "exists", []);
    const operator = this.operator();
    const values = operator === "in" || operator === "notin" ? this.valueSet() : this.exactValue();
    return newLabelRequirement(key, operator, [...values].sort());
  }

  private operator(): LabelOperator {
    const { token, literal } = this.consume(false);
    switch (token) {
      case "in":
      case "notin":
      case "=":
      case "==":
      case "!=":
        return token;
      case ">":
        return "gt";
      case "<":
        return "lt";
      default:
        throw new LabelSelectorError(`found '${literal}', expected: ${BINARY_OPERATORS}`);
    }
  }

  private valueSet(): Set<string> {
    const open = this.consume();
    if (open.token !== "(") throw new LabelSelectorError(`found '${open.literal}' expected: '('`);
    const { token, literal } = this.lookahead();
    if (token === ")") {
      this.consume();
      return new Set([""]);
    }
    if (token !== "id" && token !== ",") {
      throw new LabelSelectorError(`found '${literal}', expected: ',', ')' or identifier`);
    }
    const values = this.identifierList();
    this.consume(); // the ")" identifierList stopped at
    return values;
  }

  /** Comma-separated, possibly empty identifiers: `(a,,b)` and `(,a)` include the empty value. */
  private identifierList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const item = this.consume();
      if (item.token === "id") {
        values.add(item.literal);
        const next = this.lookahead();
        if (next.token === ")") return values;
        if (next.token !== ",") throw new LabelSelectorError(`found '${next.literal}', expected: ',' or ')'`);
      } else if (item.token === ",") {
        if (values.size === 0) values.add("");
        const next = this.lookahead().token;
        if (next === ")") {
          values.add("");
          return values;
        }
        if (next === ",") {
          this.consume();
          values.add("");
        }
      } else {
        throw new LabelSelectorError(`found '${item.literal}', expected: ',', or identifier`);
      }
    }
  }

  private exactValue(): Set<string> {
    const { token } = this.lookahead();
    if (token === "end" || token === ",") return new Set([""]);
    const item = this.consume();
    if (item.token === "id") return new Set([item.literal]);
    throw new LabelSelectorError(`found '${item.literal}', expected: identifier`);
  }
}

/** Parses the query-string form; requirements come back sorted by key. Throws {@link LabelSelectorError}. */
export function parseLabelRequirements(text: string): LabelRequirement[] {
  return sortByKey(new Parser(scan(text)).parse());
}
