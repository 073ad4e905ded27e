// The label selector grammar of k8s.io/apimachinery/pkg/labels (lexer + recursive descent),
// reproduced token for token so that accepted inputs and error texts match the API server.
import { SelectorError } from "./selector-error";
import { compareGoStrings, labelKeyError, newRequirement, type Requirement, type SelectorOperator } from "./label-requirement";

type Token =
  | "error"
  | "eos"
  | "closedPar"
  | "comma"
  | "doesNotExist"
  | "doubleEquals"
  | "equals"
  | "greaterThan"
  | "identifier"
  | "in"
  | "lessThan"
  | "notEquals"
  | "notIn"
  | "openPar";

const literalTokens: Record<string, Token> = {
  ")": "closedPar",
  ",": "comma",
  "!": "doesNotExist",
  "==": "doubleEquals",
  "=": "equals",
  ">": "greaterThan",
  in: "in",
  "<": "lessThan",
  "!=": "notEquals",
  notin: "notIn",
  "(": "openPar",
};

interface Item {
  tok: Token;
  lit: string;
}

const isWhitespace = (ch: string): boolean => ch === " " || ch === "\t" || ch === "\r" || ch === "\n";
const isSpecial = (ch: string): boolean => "=!(),><".includes(ch) && ch.length === 1;
const tokenOf = (s: string): Token | undefined => (Object.prototype.hasOwnProperty.call(literalTokens, s) ? literalTokens[s] : undefined);

class Lexer {
  private pos = 0;
  constructor(private readonly s: string) {}

  /** Go's lexer reads byte 0 at the end of input (and stops at an embedded NUL the same way). */
  private read(): string {
    return this.pos < this.s.length ? this.s[this.pos++] : "\0";
  }

  private unread(): void {
    this.pos--;
  }

  private scanIdOrKeyword(): Item {
    let buf = "";
    for (;;) {
      const ch = this.read();
      if (ch === "\0") break;
      if (isSpecial(ch) || isWhitespace(ch)) {
        this.unread();
        break;
      }
      buf += ch;
    }
    return { tok: tokenOf(buf) ?? "identifier", lit: buf };
  }

  private scanSpecialSymbol(): Item {
    let last: Item | null = null;
    let buf = "";
    for (;;) {
      const ch = this.read();
      if (ch === "\0") break;
      if (isSpecial(ch)) {
        buf += ch;
        const tok = tokenOf(buf);
        if (tok) last = { tok, lit: buf };
        else if (last) {
          this.unread();
          break;
        }
      } else {
        this.unread();
        break;
      }
    }
    return last ?? { tok: "error", lit: `error expected: keyword found '${buf}'` };
  }

  lex(): Item {
    let ch = this.read();
    while (isWhitespace(ch)) ch = this.read();
    if (ch === "\0") return { tok: "eos", lit: "" };
    this.unread();
    return isSpecial(ch) ? this.scanSpecialSymbol() : this.scanIdOrKeyword();
  }
}

const binaryOperators = "in, notin, =, ==, !=, gt, lt";

class Parser {
  private readonly items: Item[] = [];
  private position = 0;

  constructor(input: string) {
    const lexer = new Lexer(input);
    for (;;) {
      const item = lexer.lex();
      this.items.push(item);
      if (item.tok === "eos") break;
    }
  }

  /** In value position the keywords `in`/`notin` are plain identifiers. */
  private look(values: boolean): Item {
    const it = this.items[this.position];
    return values && (it.tok === "in" || it.tok === "notIn") ? { tok: "identifier", lit: it.lit } : it;
  }

  private consume(values: boolean): Item {
    const it = this.look(values);
    this.position++;
    return it;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.look(true);
      if (tok === "identifier" || tok === "doesNotExist") {
        let r: Requirement;
        try {
          r = this.parseRequirement();
        } catch (e) {
          if (e instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${e.message}`);
          throw e;
        }
        reqs.push(r);
        const next = this.consume(true);
        if (next.tok === "eos") return reqs;
        if (next.tok === "comma") {
          const after = this.look(true);
          if (after.tok !== "identifier" && after.tok !== "doesNotExist") {
            throw new SelectorError(`found '${after.lit}', expected: identifier after ','`);
          }
        } else {
          throw new SelectorError(`found '${next.lit}', expected: ',' or 'end of string'`);
        }
      } else if (tok === "eos") {
        return reqs;
      } else {
        throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): Requirement {
    const { key, operator: inferred } = this.parseKeyAndInferOperator();
    if (inferred === "exists" || inferred === "!") return newRequirement(key, inferred, []);
    const operator = this.parseOperator();
    const values = operator === "in" || operator === "notin" ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, operator, [...values].sort(compareGoStrings));
  }

  private parseKeyAndInferOperator(): { key: string; operator: SelectorOperator | null } {
    let operator: SelectorOperator | null = null;
    let { tok, lit } = this.consume(true);
    if (tok === "doesNotExist") {
      operator = "!";
      ({ tok, lit } = this.consume(true));
    }
    if (tok !== "identifier") throw new SelectorError(`found '${lit}', expected: identifier`);
    const keyErr = labelKeyError(lit, "<nil>");
    if (keyErr) throw new SelectorError(keyErr);
    const next = this.look(true).tok;
    if ((next === "eos" || next === "comma") && operator !== "!") operator = "exists";
    return { key: lit, operator };
  }

  private parseOperator(): SelectorOperator {
    const { tok, lit } = this.consume(false);
    switch (tok) {
      case "in":
        return "in";
      case "equals":
        return "=";
      case "doubleEquals":
        return "==";
      case "greaterThan":
        return "gt";
      case "lessThan":
        return "lt";
      case "notIn":
        return "notin";
      case "notEquals":
        return "!=";
      default:
        throw new SelectorError(`found '${lit}', expected: ${binaryOperators}`);
    }
  }

  private parseValues(): Set<string> {
    const open = this.consume(true);
    if (open.tok !== "openPar") throw new SelectorError(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.look(true);
    if (tok === "identifier" || tok === "comma") {
      const s = this.parseIdentifiersList();
      if (this.consume(true).tok !== "closedPar") throw new SelectorError(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === "closedPar") {
      this.consume(true);
      return new Set([""]);
    }
    throw new SelectorError(`found '${lit}', expected: ',', ')' or identifier`);
  }

  /** Empty entries (`(,a)`, `(a,,b)`, `(a,)`) stand for the empty value. */
  private parseIdentifiersList(): Set<string> {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume(true);
      if (tok === "identifier") {
        s.add(lit);
        const next = this.look(true);
        if (next.tok === "comma") continue;
        if (next.tok === "closedPar") return s;
        throw new SelectorError(`found '${next.lit}', expected: ',' or ')'`);
      } else if (tok === "comma") {
        if (s.size === 0) s.add("");
        const next = this.look(true).tok;
        if (next === "closedPar") {
          s.add("");
          return s;
        }
        if (next === "comma") s.add("");
      } else {
        throw new SelectorError(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): Set<string> {
    const next = this.look(true).tok;
    if (next === "eos" || next === "comma") return new Set([""]);
    const { tok, lit } = this.consume(true);
    if (tok === "identifier") return new Set([lit]);
    throw new SelectorError(`found '${lit}', expected: identifier`);
  }
}

/** labels.Parse: the requirements, sorted by key (stable, as the order of equal keys is not meaningful). */
export function parseRequirements(selector: string): Requirement[] {
  const reqs = new Parser(selector).parse();
  return reqs.map((r, i) => ({ r, i })).sort((a, b) => compareGoStrings(a.r.key, b.r.key) || a.i - b.i).map((x) => x.r);
}
