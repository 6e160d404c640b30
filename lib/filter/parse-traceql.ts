import { MAX_INT64, MIN_INT64 } from '@/lib/model/conventions';
import {
  FILTER_LIMITS,
  type AggregateFn,
  type CompareOp,
  type FilterResult,
  type KindWord,
  type Literal,
  type Operand,
  type PipelineStage,
  type SpanCondition,
  type Spanset,
  type StatusWord,
} from './filter-ast';
import { parseDuration } from './parse-duration';
import { INTRINSIC_BY_TRACEQL, SCOPE_BY_PREFIX, UNSUPPORTED_INTRINSICS, ATTRIBUTE_TERMINATORS } from './traceql-names';
import { aggregateError, comparisonError, regexError, validateFilter } from './validate-filter';

// TraceQL text → TraceFilter, for the subset issue 12 defines, with the semantics of Tempo's
// TraceQL documentation. Hand-written recursive descent, so every refusal can name the construct
// and point at it ({start,end} into the text). Outside the subset (refused by name): by(),
// coalesce(), metrics functions, `with` hints, arithmetic, field-to-field comparisons, the
// `parent.` scope, the negated (`!>`) and union (`&>`) structural operators, childCount,
// nestedSetLeft/Right (nestedSetParent only as Grafana's root test, see rootTest),
// event:timeSinceStart and link:traceID/spanID.
//
// Precedence follows Tempo's grammar (pkg/traceql/expr.y): `|` lowest; then `&&` and `||` at ONE
// level, left-associative (so `{a} || {b} && {c}` is `({a} || {b}) && {c}`, and the same inside a
// filter); then the structural operators `> >> < << ~`, also left-associative. `!` binds tightest.
//
// Inside one filter, event (link) conditions that are direct members of the same conjunction
// become one `some` node (one event must satisfy them all); an `||` gives each branch its own.

type Pos = { start: number; end: number };
type Tok =
  | ({ t: 'punct'; v: string } & Pos)
  | ({ t: 'string'; v: string } & Pos)
  | ({ t: 'int'; v: bigint } & Pos)
  | ({ t: 'float'; v: number } & Pos)
  | ({ t: 'duration'; v: bigint } & Pos)
  | ({ t: 'word'; v: string } & Pos)
  | ({ t: 'attr'; operand: Operand & { kind: 'attribute' } } & Pos)
  | ({ t: 'eof' } & Pos);

class Refusal extends Error {
  constructor(
    message: string,
    readonly pos: Pos,
  ) {
    super(message);
  }
}

// longest first, so `!>>` wins over `!>` and `!`
const PUNCT = ['!>>', '!<<', '&>>', '&<<', '&&', '||', '!=', '=~', '!~', '>=', '<=', '>>', '<<', '!>', '!<', '&>', '&<', '&~', '{', '}', '(', ')', ',', '|', '!', '=', '>', '<', '~', '+', '-', '*', '/', '%', '^'];
const COMPARE_OPS: ReadonlySet<string> = new Set(['=', '!=', '>', '>=', '<', '<=']);
const ARITHMETIC: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', '^']);
const STRUCTURAL: ReadonlySet<string> = new Set(['>', '>>', '<', '<<', '~']);
const REFUSED_STRUCTURAL: Record<string, string> = {
  '!>': 'the not-child operator !> is not supported',
  '!<': 'the not-parent operator !< is not supported',
  '!>>': 'the not-descendant operator !>> is not supported',
  '!<<': 'the not-ancestor operator !<< is not supported',
  '!~': 'the not-sibling operator !~ is not supported',
  '&>': 'the union-child operator &> is not supported',
  '&<': 'the union-parent operator &< is not supported',
  '&>>': 'the union-descendant operator &>> is not supported',
  '&<<': 'the union-ancestor operator &<< is not supported',
  '&~': 'the union-sibling operator &~ is not supported',
};
const AGGREGATES: ReadonlySet<string> = new Set(['count', 'avg', 'min', 'max', 'sum']);
const REFUSED_FUNCTIONS: Record<string, string> = {
  by: 'grouping with by() is not supported',
  coalesce: 'coalesce() is not supported',
  rate: 'the metrics function rate() is not supported',
  count_over_time: 'the metrics function count_over_time() is not supported',
  min_over_time: 'the metrics function min_over_time() is not supported',
  max_over_time: 'the metrics function max_over_time() is not supported',
  avg_over_time: 'the metrics function avg_over_time() is not supported',
  sum_over_time: 'the metrics function sum_over_time() is not supported',
  quantile_over_time: 'the metrics function quantile_over_time() is not supported',
  histogram_over_time: 'the metrics function histogram_over_time() is not supported',
  compare: 'the metrics function compare() is not supported',
  topk: 'topk() is not supported',
  bottomk: 'bottomk() is not supported',
};
const KIND_WORDS: ReadonlySet<string> = new Set(['unspecified', 'internal', 'server', 'client', 'producer', 'consumer']);
const STATUS_WORDS: ReadonlySet<string> = new Set(['error', 'ok', 'unset']);
const GO_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };

const isSpace = (c: string) => /\s/u.test(c);
const isWordStart = (c: string | undefined) => c !== undefined && /[A-Za-z_]/.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAttributeChar = (c: string | undefined) => c !== undefined && !isSpace(c) && !ATTRIBUTE_TERMINATORS.includes(c);

const lex = (text: string): Tok[] => {
  const toks: Tok[] = [];
  let i = 0;

  /** An attribute name after its prefix: plain characters and "quoted parts" (only \" and \\ escapes, as Tempo). */
  const attributeKey = (prefixStart: number): string => {
    let key = '';
    for (;;) {
      const c = text[i];
      if (c === '"') {
        const open = i;
        i++;
        for (;;) {
          const q = text[i];
          if (q === undefined) throw new Refusal('unterminated quoted attribute name', { start: open, end: text.length });
          i++;
          if (q === '"') break;
          if (q === '\\') {
            const e = text[i];
            if (e !== '"' && e !== '\\') throw new Refusal('invalid escape in a quoted attribute name (only \\" and \\\\)', { start: i - 1, end: i + 1 });
            key += e;
            i++;
          } else key += q;
        }
      } else if (isAttributeChar(c)) {
        key += c;
        i++;
      } else break;
    }
    if (key === '') throw new Refusal('attribute name expected', { start: prefixStart, end: i });
    return key;
  };

  while (i < text.length) {
    const c = text[i];
    const start = i;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === '`') {
      i++;
      let v = '';
      for (;;) {
        const q = text[i];
        if (q === undefined) throw new Refusal('unterminated string', { start, end: text.length });
        if (c === '`') {
          i++;
          if (q === '`') break;
          if (q !== '\r') v += q;
          continue;
        }
        if (q === '\n') throw new Refusal('unterminated string (a newline inside "…"; use `…` for multi-line text)', { start, end: i });
        i++;
        if (q === '"') break;
        if (q !== '\\') {
          v += q;
          continue;
        }
        const e = text[i];
        const escStart = i - 1;
        if (e !== undefined && e in GO_ESCAPES) {
          v += GO_ESCAPES[e];
          i++;
          continue;
        }
        const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
        if (hexLen > 0) {
          const digits = text.slice(i + 1, i + 1 + hexLen);
          const cp = parseInt(digits, 16);
          if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hexLen || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            throw new Refusal(`invalid escape \\${e}${digits}`, { start: escStart, end: i + 1 + digits.length });
          }
          v += String.fromCodePoint(cp);
          i += 1 + hexLen;
          continue;
        }
        if (e !== undefined && /[0-7]/.test(e)) {
          const digits = text.slice(i, i + 3);
          if (!/^[0-7]{3}$/.test(digits) || parseInt(digits, 8) > 255) throw new Refusal(`invalid octal escape \\${digits}`, { start: escStart, end: i + digits.length });
          v += String.fromCharCode(parseInt(digits, 8));
          i += 3;
          continue;
        }
        throw new Refusal(`invalid escape \\${e ?? ''} in a string`, { start: escStart, end: Math.min(i + 1, text.length) });
      }
      toks.push({ t: 'string', v, start, end: i });
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1]))) {
      const m = /\d*(\.\d+)?([eE][+-]?\d+)?/y;
      m.lastIndex = i;
      const num = m.exec(text)![0];
      i += num.length;
      if (/[A-Za-zµ]/.test(text[i] ?? '')) {
        // a duration: the number and everything duration-like after it (`1h30m`)
        const run = /[0-9.A-Za-zµ]*/y;
        run.lastIndex = i;
        const rest = run.exec(text)![0];
        i += rest.length;
        const ns = parseDuration(num + rest);
        if (ns === undefined) throw new Refusal(`invalid duration ${num + rest} (units: ns, us, µs, ms, s, m, h)`, { start, end: i });
        if (ns > MAX_INT64) throw new Refusal('duration out of range', { start, end: i });
        toks.push({ t: 'duration', v: ns, start, end: i });
      } else if (/^\d+$/.test(num)) {
        const v = BigInt(num);
        if (v > MAX_INT64 + 1n) throw new Refusal('integer out of the 64-bit range', { start, end: i });
        toks.push({ t: 'int', v, start, end: i });
      } else {
        toks.push({ t: 'float', v: Number(num), start, end: i });
      }
      continue;
    }
    if (c === '.') {
      i++;
      toks.push({ t: 'attr', operand: { kind: 'attribute', scope: 'unscoped', key: attributeKey(start) }, start, end: i });
      continue;
    }
    if (isWordStart(c)) {
      while (isWordChar(text[i])) i++;
      let word = text.slice(start, i);
      if (text[i] === '.') {
        const scope = SCOPE_BY_PREFIX.get(word);
        if (word === 'parent') throw new Refusal('the parent. scope is not supported', { start, end: i + 1 });
        if (scope === undefined) throw new Refusal(`unknown attribute scope ${word}. (use span., resource., instrumentation., event., link. or . alone)`, { start, end: i + 1 });
        i++;
        toks.push({ t: 'attr', operand: { kind: 'attribute', scope, key: attributeKey(start) }, start, end: i });
        continue;
      }
      if (text[i] === ':' && isWordStart(text[i + 1])) {
        i++;
        while (isWordChar(text[i])) i++;
        word = text.slice(start, i);
      }
      toks.push({ t: 'word', v: word, start, end: i });
      continue;
    }
    const p = PUNCT.find((x) => text.startsWith(x, i));
    if (p === undefined) throw new Refusal(`unexpected character ${JSON.stringify(String.fromCodePoint(text.codePointAt(i)!))}`, { start, end: i + 1 });
    i += p.length;
    toks.push({ t: 'punct', v: p, start, end: i });
  }
  toks.push({ t: 'eof', start: text.length, end: text.length });
  return toks;
};

const describe = (t: Tok, text: string) => (t.t === 'eof' ? 'the end of the query' : JSON.stringify(text.slice(t.start, t.end)));

/** Event (link) leaves of a conjunction become one `some`: see the header. */
const leafLevel = (c: SpanCondition): 'event' | 'link' | undefined => {
  if (c.kind !== 'compare' && c.kind !== 'regex' && c.kind !== 'exists' && c.kind !== 'in') return undefined;
  const o = c.operand;
  if (o.kind === 'intrinsic') return o.name === 'eventName' ? 'event' : undefined;
  return o.scope === 'event' || o.scope === 'link' ? o.scope : undefined;
};

const andOf = (args: SpanCondition[]): SpanCondition => (args.length === 1 ? args[0] : { kind: 'and', args });

const groupCollections = (c: SpanCondition): SpanCondition => {
  const level = leafLevel(c);
  if (level !== undefined) return { kind: 'some', over: level, where: c };
  switch (c.kind) {
    case 'and': {
      const out: (SpanCondition | 'event' | 'link')[] = [];
      const members = { event: [] as SpanCondition[], link: [] as SpanCondition[] };
      for (const a of c.args) {
        const l = leafLevel(a);
        if (l === undefined) out.push(groupCollections(a));
        else {
          if (members[l].length === 0) out.push(l);
          members[l].push(a);
        }
      }
      return andOf(out.map((x) => (x === 'event' || x === 'link' ? { kind: 'some', over: x, where: andOf(members[x]) } : x)));
    }
    case 'or':
      return { kind: 'or', args: c.args.map(groupCollections) };
    case 'not':
      return { kind: 'not', arg: groupCollections(c.arg) };
    default:
      return c;
  }
};

/** `a && b` with nested conjunctions flattened (same meaning, one canonical shape). */
const joined = (kind: 'and' | 'or', l: SpanCondition, r: SpanCondition): SpanCondition => ({
  kind,
  args: [...(l.kind === kind ? l.args : [l]), ...(r.kind === kind ? r.args : [r])],
});

const FLIPPED: Record<CompareOp, CompareOp> = { '=': '=', '!=': '!=', '>': '<', '>=': '<=', '<': '>', '<=': '>=' };

type Value = { literal: Literal } | { nil: true };

class Parser {
  private i = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly toks: Tok[],
  ) {}

  private get tok(): Tok {
    return this.toks[this.i];
  }
  private peek(k = 1): Tok {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)];
  }
  private isPunct(v: string, t: Tok = this.tok) {
    return t.t === 'punct' && t.v === v;
  }
  private isWord(v: string, t: Tok = this.tok) {
    return t.t === 'word' && t.v === v;
  }
  private fail(message: string, t: Pos = this.tok): never {
    throw new Refusal(message, { start: t.start, end: t.end });
  }
  private expect(v: string, what: string): Tok {
    if (!this.isPunct(v)) this.fail(`expected ${what}, found ${describe(this.tok, this.text)}`);
    return this.toks[this.i++];
  }
  private enter(t: Tok) {
    if (++this.depth > FILTER_LIMITS.maxDepth) this.fail(`nested deeper than ${FILTER_LIMITS.maxDepth} levels`, t);
  }

  /** A name followed by `(` that we refuse (by, rate, …), checked wherever a spanset or stage could start. */
  private refuseFunction() {
    const t = this.tok;
    if (t.t === 'word' && Object.hasOwn(REFUSED_FUNCTIONS, t.v) && this.isPunct('(', this.peek())) this.fail(REFUSED_FUNCTIONS[t.v]);
  }

  query(): Spanset {
    if (this.tok.t === 'eof') this.fail('empty query: write a spanset filter such as { } or { span:status = error }');
    const s = this.pipeline();
    const t: Tok = this.toks[this.i];
    if (t.t === 'eof') return s;
    if (this.isWord('with', t)) this.fail('query hints (with …) are not supported');
    if ((this.isPunct('&&', t) || this.isPunct('||', t) || (t.t === 'punct' && STRUCTURAL.has(t.v))) && s.kind === 'pipeline') {
      this.fail(`a pipeline must be in parentheses to be combined with ${t.t === 'punct' ? t.v : ''}: ({ … } | …) ${t.t === 'punct' ? t.v : ''} { … }`);
    }
    if (t.t === 'punct' && Object.hasOwn(REFUSED_STRUCTURAL, t.v)) this.fail(REFUSED_STRUCTURAL[t.v]);
    return this.fail(`unexpected ${describe(t, this.text)}`);
  }

  private pipeline(): Spanset {
    this.refuseFunction();
    const stages: PipelineStage[] = [];
    let source: Spanset;
    // Tempo lets a pipeline start with an aggregate or select(): it then applies to every span
    if (this.tok.t === 'word' && (AGGREGATES.has(this.tok.v) || this.tok.v === 'select') && this.isPunct('(', this.peek())) {
      source = { kind: 'spans', where: { kind: 'true' } };
      stages.push(this.stage());
    } else {
      source = this.setExpression();
    }
    while (this.isPunct('|')) {
      this.i++;
      stages.push(this.stage());
    }
    return stages.length === 0 ? source : { kind: 'pipeline', source, stages };
  }

  private setExpression(): Spanset {
    let left = this.structural();
    while (this.isPunct('&&') || this.isPunct('||')) {
      const op = (this.toks[this.i++] as { v: '&&' | '||' }).v;
      left = { kind: 'combine', op, left, right: this.structural() };
    }
    return left;
  }

  private structural(): Spanset {
    let left = this.spansetPrimary();
    for (;;) {
      const t = this.tok;
      if (t.t !== 'punct') return left;
      if (Object.hasOwn(REFUSED_STRUCTURAL, t.v)) this.fail(REFUSED_STRUCTURAL[t.v]);
      if (!STRUCTURAL.has(t.v)) return left;
      this.i++;
      left = { kind: 'structural', op: t.v as '>' | '>>' | '<' | '<<' | '~', left, right: this.spansetPrimary() };
    }
  }

  private spansetPrimary(): Spanset {
    this.refuseFunction();
    const t = this.tok;
    if (this.isPunct('{')) return { kind: 'spans', where: this.filterBody() };
    if (this.isPunct('(')) {
      this.enter(t);
      this.i++;
      const inner = this.pipeline();
      this.expect(')', ') to close the (');
      this.depth--;
      return inner;
    }
    if (t.t === 'word' && AGGREGATES.has(t.v)) this.fail(`an aggregate goes after a pipe: { … } | ${t.v}(…) > …`);
    if (t.t === 'attr' || (t.t === 'word' && INTRINSIC_BY_TRACEQL.has(t.v))) this.fail('conditions go inside a spanset filter: { … }');
    return this.fail(`expected a spanset filter { … }, found ${describe(t, this.text)}`);
  }

  private filterBody(): SpanCondition {
    const open = this.tok;
    this.enter(open);
    this.i++;
    if (this.isPunct('}')) {
      this.i++;
      this.depth--;
      return { kind: 'true' };
    }
    const where = this.condition();
    if (!this.isPunct('}')) {
      const t = this.tok;
      if (t.t === 'eof') this.fail('missing } to close the filter', open);
      if (t.t === 'punct' && ARITHMETIC.has(t.v)) this.fail('arithmetic is not supported');
      this.fail(`expected && , || or } , found ${describe(t, this.text)}`);
    }
    this.i++;
    this.depth--;
    return groupCollections(where);
  }

  private stage(): PipelineStage {
    this.refuseFunction();
    const t = this.tok;
    if (this.isPunct('{')) {
      const where = this.filterBody();
      const n = this.tok;
      if (this.isPunct('&&', n) || this.isPunct('||', n) || (n.t === 'punct' && (STRUCTURAL.has(n.v) || Object.hasOwn(REFUSED_STRUCTURAL, n.v)))) {
        this.fail('after |, one { … } filter is supported, not a spanset expression');
      }
      return { kind: 'filter', where };
    }
    if (t.t === 'word' && this.isPunct('(', this.peek())) {
      if (t.v === 'select') {
        this.i += 2;
        const operands: Operand[] = [this.operand()];
        while (this.isPunct(',')) {
          this.i++;
          operands.push(this.operand());
        }
        this.expect(')', ') to close select(');
        return { kind: 'select', operands };
      }
      if (AGGREGATES.has(t.v)) return this.aggregate();
    }
    return this.fail(`expected a filter { … }, an aggregate such as count() > 2, or select(…) after |, found ${describe(t, this.text)}`);
  }

  private aggregate(): PipelineStage {
    const fnTok = this.tok;
    const fn = (fnTok as { v: AggregateFn }).v;
    this.i += 2;
    let operand: Operand | undefined;
    if (!this.isPunct(')')) {
      if (fn === 'count') this.fail('count() takes no argument');
      operand = this.operand();
      if (this.tok.t === 'punct' && ARITHMETIC.has(this.tok.v)) this.fail('arithmetic is not supported');
    } else if (fn !== 'count') this.fail(`${fn}() needs a field, e.g. ${fn}(span:duration)`);
    const close = this.expect(')', `) to close ${fn}(`);
    const opTok = this.tok;
    if (opTok.t === 'punct' && ARITHMETIC.has(opTok.v)) this.fail('arithmetic is not supported');
    if (opTok.t !== 'punct' || !COMPARE_OPS.has(opTok.v)) this.fail(`compare ${fn}() with a constant, e.g. ${fn}(${fn === 'count' ? '' : '…'}) > 2`, { start: fnTok.start, end: close.end });
    this.i++;
    const v = this.value();
    if ('nil' in v) this.fail('an aggregate cannot be compared with nil', this.toks[this.i - 1]);
    this.noArithmetic();
    const stage: PipelineStage = { kind: 'aggregate', fn, ...(operand !== undefined && { operand }), op: opTok.v as CompareOp, value: v.literal };
    const err = aggregateError(stage);
    if (err !== undefined) this.fail(err, { start: fnTok.start, end: this.toks[this.i - 1].end });
    return stage;
  }

  private noArithmetic() {
    const t = this.tok;
    if (t.t === 'punct' && ARITHMETIC.has(t.v)) this.fail('arithmetic is not supported');
  }

  private condition(): SpanCondition {
    let left = this.unary();
    while (this.isPunct('&&') || this.isPunct('||')) {
      const kind = (this.toks[this.i++] as { v: string }).v === '&&' ? 'and' : 'or';
      left = joined(kind, left, this.unary());
    }
    return left;
  }

  private unary(): SpanCondition {
    const t = this.tok;
    if (this.isPunct('!')) {
      this.enter(t);
      this.i++;
      const arg = this.unary();
      this.depth--;
      return { kind: 'not', arg };
    }
    if (this.isPunct('(')) {
      this.enter(t);
      this.i++;
      const inner = this.condition();
      this.expect(')', ') to close the (');
      this.depth--;
      return inner;
    }
    if ((this.isWord('true') || this.isWord('false')) && !this.isCompareAt(this.peek())) {
      this.i++;
      return { kind: t.t === 'word' && t.v === 'true' ? 'true' : 'false' };
    }
    if (this.isPunct('{')) this.fail('a spanset filter cannot be nested inside another');
    return this.comparison();
  }

  private isCompareAt(t: Tok) {
    return t.t === 'punct' && (COMPARE_OPS.has(t.v) || t.v === '=~' || t.v === '!~');
  }

  private isValueStart(t: Tok) {
    if (t.t === 'string' || t.t === 'int' || t.t === 'float' || t.t === 'duration') return true;
    if (t.t === 'punct') return t.v === '-';
    return t.t === 'word' && (['true', 'false', 'nil', 'minInt', 'maxInt'].includes(t.v) || KIND_WORDS.has(t.v) || STATUS_WORDS.has(t.v));
  }

  private comparison(): SpanCondition {
    const start = this.tok.start;
    // a constant on the left (`200 = span.http.status_code`) reads as the mirrored comparison
    if (this.isValueStart(this.tok)) {
      const v = this.value();
      const opTok = this.tok;
      if (opTok.t !== 'punct' || !COMPARE_OPS.has(opTok.v)) this.fail(`expected a comparison operator after the constant, found ${describe(opTok, this.text)}`);
      this.i++;
      const operand = this.operand();
      this.noArithmetic();
      return this.leaf(operand, FLIPPED[opTok.v as CompareOp], v, { start, end: this.toks[this.i - 1].end }, opTok);
    }
    if (this.tok.t === 'word' && (this.tok.v === 'nestedSetParent' || this.tok.v === 'span:nestedSetParent')) return this.rootTest();
    const operand = this.operand();
    const opTok = this.tok;
    if (opTok.t === 'punct' && ARITHMETIC.has(opTok.v)) this.fail('arithmetic is not supported');
    if (!this.isCompareAt(opTok)) {
      // a bare field is a boolean test (Tempo: `{ span.cache_hit }`)
      if (opTok.t === 'punct' && ['&&', '||', '}', ')'].includes(opTok.v)) {
        return this.leaf(operand, '=', { literal: { type: 'bool', value: true } }, { start, end: this.toks[this.i - 1].end }, opTok);
      }
      this.fail(`expected an operator (= != > >= < <= =~ !~) after the field, found ${describe(opTok, this.text)}`);
    }
    this.i++;
    const valueTok = this.tok;
    if (valueTok.t === 'attr' || (valueTok.t === 'word' && (INTRINSIC_BY_TRACEQL.has(valueTok.v) || UNSUPPORTED_INTRINSICS.has(valueTok.v)))) {
      this.fail('comparing two fields is not supported: compare a field with a constant', { start, end: valueTok.end });
    }
    const v = this.value();
    this.noArithmetic();
    const pos = { start, end: this.toks[this.i - 1].end };
    if (opTok.t === 'punct' && (opTok.v === '=~' || opTok.v === '!~')) {
      if ('nil' in v || v.literal.type !== 'string') this.fail(`${opTok.v} needs a string pattern`, valueTok);
      const o = this.serviceAware(operand, v);
      const err = regexError(o, v.literal.value);
      if (err !== undefined) this.fail(err.message, err.index === undefined ? pos : valueTok);
      return { kind: 'regex', operand: o, pattern: v.literal.value, mode: 'whole', negated: opTok.v === '!~' };
    }
    return this.leaf(operand, (opTok as { v: CompareOp }).v, v, pos, opTok);
  }

  /**
   * Grafana asks for root spans with `nestedSetParent < 0` (Tempo numbers a root's parent -1 and
   * every other span from 1): we read exactly the comparisons that test "is a root" or "is not"
   * as the absence or presence of a parent span id, and refuse the others.
   */
  private rootTest(): SpanCondition {
    const start = this.tok.start;
    this.i++;
    const opTok = this.tok;
    if (opTok.t !== 'punct' || !COMPARE_OPS.has(opTok.v)) this.fail('expected a comparison operator after nestedSetParent');
    this.i++;
    const v = this.value();
    const pos = { start, end: this.toks[this.i - 1].end };
    if ('nil' in v || v.literal.type !== 'int') return this.fail('nestedSetParent is supported only as a root test, e.g. nestedSetParent < 0', pos);
    const n = v.literal.value;
    const root: Record<CompareOp, boolean | undefined> = {
      '<': n === 0n ? true : n === 1n ? true : undefined,
      '<=': n === -1n ? true : n === 0n ? true : undefined,
      '=': n === -1n ? true : undefined,
      '!=': n === -1n ? false : undefined,
      '>=': n === 0n || n === 1n ? false : undefined,
      '>': n === -1n || n === 0n ? false : undefined,
    };
    const isRoot = root[opTok.v as CompareOp];
    if (isRoot === undefined) this.fail('nestedSetParent is supported only as a root test, e.g. nestedSetParent < 0', pos);
    return { kind: 'exists', operand: { kind: 'intrinsic', name: 'parentSpanId' }, negated: isRoot };
  }

  /** `resource.service.name` compared with text is the span's service (an indexed column). */
  private serviceAware(o: Operand, v: Value): Operand {
    const text = !('nil' in v) && v.literal.type === 'string';
    return text && o.kind === 'attribute' && o.scope === 'resource' && o.key === 'service.name' ? { kind: 'intrinsic', name: 'service' } : o;
  }

  private leaf(operand: Operand, op: CompareOp, v: Value, pos: Pos, opTok: Tok): SpanCondition {
    if ('nil' in v) {
      if (op !== '=' && op !== '!=') this.fail('nil compares only with = or !=', opTok);
      return { kind: 'exists', operand, negated: op === '=' };
    }
    const o = this.serviceAware(operand, v);
    const err = comparisonError(o, op, v.literal);
    if (err !== undefined) this.fail(err, pos);
    return { kind: 'compare', operand: o, op, value: v.literal };
  }

  private operand(): Operand {
    const t = this.tok;
    if (t.t === 'attr') {
      this.i++;
      return t.operand;
    }
    if (t.t === 'word') {
      const intrinsic = INTRINSIC_BY_TRACEQL.get(t.v);
      if (intrinsic !== undefined) {
        this.i++;
        return { kind: 'intrinsic', name: intrinsic };
      }
      if (UNSUPPORTED_INTRINSICS.has(t.v)) this.fail(`the intrinsic ${t.v} is not supported`);
      if (AGGREGATES.has(t.v) && this.isPunct('(', this.peek())) this.fail(`an aggregate goes after a pipe: { … } | ${t.v}(…) > …`);
      if (t.v.includes(':')) this.fail(`unknown intrinsic ${t.v}`);
      this.fail(`unknown field ${t.v}: write attributes as span.${t.v}, resource.${t.v} or .${t.v}`);
    }
    if (this.isPunct('-')) this.fail('arithmetic is not supported');
    return this.fail(`expected a field (span.…, resource.…, .…, or an intrinsic such as span:name), found ${describe(t, this.text)}`);
  }

  private value(): Value {
    const t = this.tok;
    let negative = false;
    let n: Tok = t;
    if (this.isPunct('-')) {
      negative = true;
      n = this.peek();
      if (n.t !== 'int' && n.t !== 'float' && n.t !== 'duration') this.fail('arithmetic is not supported');
      this.i++;
    }
    this.i++;
    switch (n.t) {
      case 'string':
        return { literal: { type: 'string', value: n.v } };
      case 'int': {
        const v = negative ? -n.v : n.v;
        if (v > MAX_INT64 || v < MIN_INT64) this.fail('integer out of the 64-bit range', { start: t.start, end: n.end });
        return { literal: { type: 'int', value: v } };
      }
      case 'float':
        return { literal: { type: 'double', value: negative ? -n.v : n.v } };
      case 'duration':
        return { literal: { type: 'duration', value: negative ? -n.v : n.v } };
      case 'word':
        if (n.v === 'nil') return { nil: true };
        if (n.v === 'true' || n.v === 'false') return { literal: { type: 'bool', value: n.v === 'true' } };
        if (n.v === 'minInt') return { literal: { type: 'int', value: MIN_INT64 } };
        if (n.v === 'maxInt') return { literal: { type: 'int', value: MAX_INT64 } };
        if (KIND_WORDS.has(n.v)) return { literal: { type: 'kind', value: n.v as KindWord } };
        if (STATUS_WORDS.has(n.v)) return { literal: { type: 'status', value: n.v as StatusWord } };
    }
    this.i--;
    return this.fail(`expected a value (a "string", number, duration, true, false, nil, a kind or a status), found ${describe(t, this.text)}`);
  }
}

/** Parses TraceQL text; a refusal says what and where (offsets into `text`). */
export const parseTraceQL = (text: string): FilterResult => {
  if (text.length > FILTER_LIMITS.maxQueryLength) {
    return { ok: false, error: { message: `query longer than ${FILTER_LIMITS.maxQueryLength} characters`, position: { start: FILTER_LIMITS.maxQueryLength, end: text.length } } };
  }
  try {
    const root = new Parser(text, lex(text)).query();
    const filter = { root };
    const err = validateFilter(filter);
    if (err !== undefined) return { ok: false, error: { ...err, position: err.position ?? { start: 0, end: text.length } } };
    return { ok: true, filter };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: { message: e.message, position: e.pos } };
    throw e;
  }
};
