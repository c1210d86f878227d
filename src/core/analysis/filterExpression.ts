// A small filter language for the pair list: `task == "T2I" and margin < -2`, `not correct`,
// `abs(margin) > 3 or label == "tie"`, `id ~ "synthetic"`. Parsed by hand into closures: nothing is eval'd.
//
//   expr    := or
//   or      := and ("or" and)*
//   and     := not ("and" not)*
//   not     := "not" not | compare
//   compare := value (("==" | "!=" | "<" | "<=" | ">" | ">=" | "~") value)?
//   value   := number | string | true | false | field | func "(" expr ")" | "(" expr ")" | "-" value
//   func    := abs | len | lower

export type Value = number | string | boolean | undefined;
export type Row = (field: string) => Value;
export type Predicate = (row: Row) => boolean;

export class FilterSyntaxError extends Error {
  constructor(
    readonly column: number,
    message: string,
  ) {
    super(`column ${column}: ${message}`);
  }
}

type Token = { kind: 'num' | 'str' | 'ident' | 'op' | 'end'; text: string; value?: number | string; col: number };

const OPS = ['==', '!=', '<=', '>=', '<', '>', '~', '(', ')', '-', ','];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    const col = i + 1;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (/[0-9.]/.test(ch)) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(src.slice(i));
      if (!m) throw new FilterSyntaxError(col, `cannot read a number at \`${src.slice(i, i + 8)}\``);
      out.push({ kind: 'num', text: m[0], value: Number(m[0]), col });
      i += m[0].length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1,
        s = '';
      while (j < src.length && src[j] !== ch) {
        if (src[j] === '\\' && j + 1 < src.length) j++;
        s += src[j++];
      }
      if (j >= src.length) throw new FilterSyntaxError(col, `unterminated string starting with ${ch}`);
      out.push({ kind: 'str', text: src.slice(i, j + 1), value: s, col });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i))!;
      out.push({ kind: 'ident', text: m[0], col });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i)) ?? (src.startsWith('=', i) ? '=' : undefined);
    if (!op) throw new FilterSyntaxError(col, `unexpected character \`${ch}\``);
    if (op === '=') throw new FilterSyntaxError(col, 'use `==` to compare');
    out.push({ kind: 'op', text: op, col });
    i += op.length;
  }
  out.push({ kind: 'end', text: 'end of input', col: src.length + 1 });
  return out;
}

type Eval = (row: Row) => Value;

const FUNCS: Record<string, (v: Value) => Value> = {
  abs: (v) => (typeof v === 'number' ? Math.abs(v) : undefined),
  len: (v) => (typeof v === 'string' ? v.length : undefined),
  lower: (v) => (typeof v === 'string' ? v.toLowerCase() : undefined),
};

function truthy(v: Value): boolean {
  return v !== undefined && v !== false && v !== 0 && v !== '';
}

function compare(op: string, a: Value, b: Value): boolean {
  if (op === '~') return typeof a === 'string' && typeof b === 'string' && a.toLowerCase().includes(b.toLowerCase());
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  // Ordering needs two numbers or two strings; a missing value (no run yet) never matches.
  if (a === undefined || b === undefined || typeof a !== typeof b || typeof a === 'boolean') return false;
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

/**
 * Compiles a filter. `fields` lists the names a row can answer; anything else is a syntax error naming the
 * known fields, so a typo does not silently filter everything out. An empty expression matches every row.
 */
export function compileFilter(src: string, fields: readonly string[]): Predicate {
  if (!src.trim()) return () => true;
  const toks = tokenize(src);
  let pos = 0;
  const peek = () => toks[pos];
  const isWord = (w: string) => peek().kind === 'ident' && peek().text.toLowerCase() === w;
  const expect = (text: string) => {
    const t = peek();
    if (t.text !== text) throw new FilterSyntaxError(t.col, `expected \`${text}\`; found \`${t.text}\``);
    pos++;
  };

  const parseOr = (): Eval => {
    let left = parseAnd();
    while (isWord('or')) {
      pos++;
      const l = left,
        r = parseAnd();
      left = (row) => truthy(l(row)) || truthy(r(row));
    }
    return left;
  };
  const parseAnd = (): Eval => {
    let left = parseNot();
    while (isWord('and')) {
      pos++;
      const l = left,
        r = parseNot();
      left = (row) => truthy(l(row)) && truthy(r(row));
    }
    return left;
  };
  const parseNot = (): Eval => {
    if (isWord('not')) {
      pos++;
      const inner = parseNot();
      return (row) => !truthy(inner(row));
    }
    return parseCompare();
  };
  const parseCompare = (): Eval => {
    const left = parseValue();
    const t = peek();
    if (t.kind === 'op' && ['==', '!=', '<', '<=', '>', '>=', '~'].includes(t.text)) {
      pos++;
      const right = parseValue();
      return (row) => compare(t.text, left(row), right(row));
    }
    return left;
  };
  const parseValue = (): Eval => {
    const t = peek();
    if (t.kind === 'num' || t.kind === 'str') {
      pos++;
      const v = t.value;
      return () => v;
    }
    if (t.kind === 'op' && t.text === '-') {
      pos++;
      const inner = parseValue();
      return (row) => {
        const v = inner(row);
        return typeof v === 'number' ? -v : undefined;
      };
    }
    if (t.kind === 'op' && t.text === '(') {
      pos++;
      const e = parseOr();
      expect(')');
      return e;
    }
    if (t.kind === 'ident') {
      pos++;
      const name = t.text;
      const lower = name.toLowerCase();
      if (lower === 'true') return () => true;
      if (lower === 'false') return () => false;
      if (FUNCS[lower] && peek().text === '(') {
        pos++;
        const arg = parseOr();
        expect(')');
        const f = FUNCS[lower];
        return (row) => f(arg(row));
      }
      if (['and', 'or', 'not'].includes(lower))
        throw new FilterSyntaxError(t.col, `expected a value; found \`${name}\``);
      if (!fields.includes(name)) {
        throw new FilterSyntaxError(t.col, `unknown field \`${name}\`; known fields: ${fields.join(', ')}`);
      }
      return (row) => row(name);
    }
    throw new FilterSyntaxError(t.col, `expected a value; found \`${t.text}\``);
  };

  const root = parseOr();
  if (peek().kind !== 'end')
    throw new FilterSyntaxError(peek().col, `expected \`and\`, \`or\` or the end; found \`${peek().text}\``);
  return (row) => truthy(root(row));
}
