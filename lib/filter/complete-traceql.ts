import type { AttributeScope, Intrinsic, Operand } from './filter-ast';
import { ATTRIBUTE_TERMINATORS, INTRINSIC_BY_TRACEQL, INTRINSIC_TRACEQL, SCOPE_BY_PREFIX } from './traceql-names';
import { INTRINSIC_KIND } from './validate-filter';

// What the query box should offer at the cursor. The text being typed is usually not a valid
// query yet, so this reads it with a forgiving scanner of its own (unterminated strings and
// half-typed names are normal here) and looks only at the last tokens before the cursor.
// Stored keys and values come from the server; the static words (scopes, intrinsics,
// operators, kinds, statuses) come from traceqlSuggestions below.

export type CompletionKind = 'scope' | 'attribute' | 'operator' | 'value' | 'spansetOperator' | 'none';

export type CompletionContext = {
  kind: CompletionKind;
  /** 'attribute': whose keys to offer; 'value': the scope of the attribute compared */
  scope?: AttributeScope;
  /** 'value': the attribute key compared (its stored values are the suggestions) */
  key?: string;
  /** 'operator' / 'value': the field on the left, attribute or intrinsic */
  operand?: Operand;
  /** what is already typed of the word at the cursor (for a string value: without its opening quote) */
  prefix: string;
  /** the text a chosen suggestion replaces */
  replace: { start: number; end: number };
  /** the service named elsewhere in the query (`resource.service.name = "x"`), to scope value suggestions */
  service?: string;
  /** 'spansetOperator' inside a `{ … }`: only `&&`, `||` and `}` continue it */
  inFilter?: boolean;
};

export type Suggestion = { label: string; insert: string; detail: string };

type Tok = { t: 'punct' | 'string' | 'number' | 'word' | 'attr'; text: string; start: number; end: number; open?: boolean; scope?: AttributeScope; keyStart?: number };

const PUNCT = ['!>>', '!<<', '&>>', '&<<', '&&', '||', '!=', '=~', '!~', '>=', '<=', '>>', '<<', '!>', '!<', '&>', '&<', '&~'];
const COMPARISON: ReadonlySet<string> = new Set(['=', '!=', '>', '>=', '<', '<=', '=~', '!~']);
const VALUE_WORDS: ReadonlySet<string> = new Set(['true', 'false', 'nil', 'minInt', 'maxInt', 'unspecified', 'internal', 'server', 'client', 'producer', 'consumer', 'error', 'ok', 'unset']);
const isAttributeChar = (c: string | undefined) => c !== undefined && !/\s/u.test(c) && !ATTRIBUTE_TERMINATORS.includes(c);

/** A forgiving scan of the text before the cursor. */
const scan = (text: string): Tok[] => {
  const toks: Tok[] = [];
  let i = 0;
  const key = () => {
    while (i < text.length) {
      if (text[i] === '"') {
        const close = text.indexOf('"', i + 1);
        i = close < 0 ? text.length : close + 1;
      } else if (isAttributeChar(text[i])) i++;
      else break;
    }
  };
  while (i < text.length) {
    const c = text[i];
    const start = i;
    if (/\s/u.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === '`') {
      i++;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' && c === '"' ? 2 : 1;
      const open = i >= text.length;
      i = Math.min(i + 1, text.length);
      toks.push({ t: 'string', text: text.slice(start, i), start, end: i, open });
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < text.length && /[0-9.A-Za-zµ]/.test(text[i])) i++;
      toks.push({ t: 'number', text: text.slice(start, i), start, end: i });
      continue;
    }
    if (c === '.') {
      i++;
      key();
      toks.push({ t: 'attr', text: text.slice(start, i), start, end: i, scope: 'unscoped', keyStart: start + 1 });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      while (i < text.length && /\w/.test(text[i])) i++;
      const word = text.slice(start, i);
      const scope = SCOPE_BY_PREFIX.get(word);
      if (text[i] === '.' && scope !== undefined) {
        i++;
        const keyStart = i;
        key();
        toks.push({ t: 'attr', text: text.slice(start, i), start, end: i, scope, keyStart });
        continue;
      }
      if (text[i] === ':') {
        i++;
        while (i < text.length && /\w/.test(text[i])) i++;
      }
      toks.push({ t: 'word', text: text.slice(start, i), start, end: i });
      continue;
    }
    const p = PUNCT.find((x) => text.startsWith(x, i)) ?? c;
    i += p.length;
    toks.push({ t: 'punct', text: p, start, end: i });
  }
  return toks;
};

/** The attribute key of an attr token (quoted parts unquoted). */
const keyOf = (t: Tok, text: string) => text.slice(t.keyStart!, t.end).replace(/"((?:[^"\\]|\\.)*)"?/g, (_m, inner: string) => inner.replace(/\\(["\\])/g, '$1'));

const operandOf = (t: Tok | undefined, text: string): Operand | undefined => {
  if (t?.t === 'attr') {
    if (t.scope === 'resource' && keyOf(t, text) === 'service.name') return { kind: 'intrinsic', name: 'service' };
    return { kind: 'attribute', scope: t.scope!, key: keyOf(t, text) };
  }
  if (t?.t === 'word') {
    const name = INTRINSIC_BY_TRACEQL.get(t.text);
    return name === undefined ? undefined : { kind: 'intrinsic', name };
  }
  return undefined;
};

const isValueTok = (t: Tok) => t.t === 'string' || t.t === 'number' || (t.t === 'word' && VALUE_WORDS.has(t.text));

/** The service a query names (`resource.service.name = "x"`), if one: the first, when several. */
const serviceOf = (text: string): string | undefined => {
  // `resource.service.name` or the unscoped `.service.name` (not `span.service.name`)
  const m = /(?:^|[\s{(&|!])(?:resource)?\.service\.name\s*=\s*"((?:[^"\\\n]|\\.)*)"/.exec(text);
  if (!m) return undefined;
  try {
    return JSON.parse(`"${m[1]}"`) as string;
  } catch {
    return m[1];
  }
};

/** What to offer at `cursor` in `text`. */
export const completeTraceQL = (text: string, cursor: number): CompletionContext => {
  const at = Math.max(0, Math.min(cursor, text.length));
  const toks = scan(text.slice(0, at));
  const service = serviceOf(text);
  const base = { ...(service !== undefined && { service }) };
  const here = { start: at, end: at };
  let depth = 0;
  for (const t of toks) {
    if (t.t === 'punct' && t.text === '{') depth++;
    if (t.t === 'punct' && t.text === '}') depth = Math.max(0, depth - 1);
  }
  const last = toks.at(-1);
  if (last === undefined) return { kind: 'none', prefix: '', replace: here, ...base };
  const touching = last.end === at;
  const before = toks.at(-2);
  const inFilter = depth > 0;

  const value = (opTok: Tok | undefined, operandTok: Tok | undefined, prefix: string, replace: { start: number; end: number }): CompletionContext => {
    const operand = opTok !== undefined && COMPARISON.has(opTok.text) ? operandOf(operandTok, text) : undefined;
    if (operand === undefined) return { kind: 'none', prefix, replace, ...base };
    return {
      kind: 'value',
      operand,
      ...(operand.kind === 'attribute' && { scope: operand.scope, key: operand.key }),
      prefix,
      replace,
      ...base,
    };
  };
  const afterComplete = (t: Tok): CompletionContext => {
    if (t.t === 'attr' || (t.t === 'word' && INTRINSIC_BY_TRACEQL.has(t.text))) {
      const operand = operandOf(t, text);
      return inFilter ? { kind: 'operator', ...(operand && { operand }), prefix: '', replace: here, ...base } : { kind: 'none', prefix: '', replace: here, ...base };
    }
    if (t.t === 'punct') {
      if (COMPARISON.has(t.text)) return value(t, toks.at(toks.indexOf(t) - 1), '', here);
      if (inFilter && ['{', '(', '&&', '||', '!'].includes(t.text)) return { kind: 'scope', prefix: '', replace: here, ...base };
      if (!inFilter && (t.text === '}' || t.text === ')')) return { kind: 'spansetOperator', prefix: '', replace: here, ...base };
      if (inFilter && t.text === ')') return { kind: 'spansetOperator', inFilter, prefix: '', replace: here, ...base };
      return { kind: 'none', prefix: '', replace: here, ...base };
    }
    if (inFilter && isValueTok(t)) return { kind: 'spansetOperator', inFilter, prefix: '', replace: here, ...base };
    return { kind: 'none', prefix: '', replace: here, ...base };
  };

  if (!touching) return afterComplete(last);

  // a suggestion replaces the whole word the cursor is in, also the part after the cursor
  let wordEnd = at;
  if (last.t === 'attr' || last.t === 'word' || last.t === 'number') while (isAttributeChar(text[wordEnd]) && text[wordEnd] !== '"') wordEnd++;
  const span = { start: last.start, end: wordEnd };
  switch (last.t) {
    case 'attr':
      if (!inFilter) return { kind: 'none', prefix: last.text, replace: span, ...base };
      return { kind: 'attribute', scope: last.scope, prefix: keyOf(last, text), replace: { start: last.keyStart!, end: wordEnd }, ...base };
    case 'word':
      if (before?.t === 'punct' && COMPARISON.has(before.text)) return value(before, toks.at(-3), last.text, span);
      if (!inFilter) return { kind: 'none', prefix: last.text, replace: span, ...base };
      if (before !== undefined && (before.t === 'attr' || isValueTok(before) || (before.t === 'word' && INTRINSIC_BY_TRACEQL.has(before.text)))) {
        return { kind: 'none', prefix: last.text, replace: span, ...base };
      }
      return { kind: 'scope', prefix: last.text, replace: span, ...base };
    case 'string':
      if (last.open) return value(before, toks.at(-3), last.text.slice(1), span);
      return afterComplete(last);
    case 'number':
      return value(before, toks.at(-3), last.text, span);
    case 'punct':
      // `!` or `=` may be the start of `!=` / `=~`: offer the operators that continue it
      if ((last.text === '!' || last.text === '=') && before !== undefined && operandOf(before, text) !== undefined) {
        const operand = operandOf(before, text)!;
        return { kind: 'operator', operand, prefix: last.text, replace: span, ...base };
      }
      return afterComplete(last);
  }
};

const SCOPE_SUGGESTIONS: Suggestion[] = [
  ...(['span', 'resource', 'event', 'link', 'instrumentation'] as const).map((s) => ({ label: `${s}.`, insert: `${s}.`, detail: `${s} attribute` })),
  { label: '.', insert: '.', detail: 'span or resource attribute' },
];

const INTRINSIC_DETAIL: Record<Intrinsic, string> = {
  name: 'span name',
  service: 'service',
  kind: 'span kind',
  status: 'span status',
  statusMessage: 'status message',
  duration: 'span duration',
  start: 'start time (unix ns)',
  traceId: 'trace id',
  spanId: 'span id',
  parentSpanId: 'parent span id',
  traceState: 'W3C trace state',
  scopeName: 'instrumentation scope name',
  scopeVersion: 'instrumentation scope version',
  eventName: 'event name',
  traceDuration: 'trace duration',
  rootService: 'root service',
  rootName: 'root span name',
  spanCount: 'spans in the trace',
  errorCount: 'error spans in the trace',
};

const INTRINSIC_SUGGESTIONS: Suggestion[] = (Object.keys(INTRINSIC_TRACEQL) as Intrinsic[])
  .filter((i) => i !== 'service')
  .map((i) => ({ label: INTRINSIC_TRACEQL[i], insert: INTRINSIC_TRACEQL[i], detail: INTRINSIC_DETAIL[i] }));

const words = (list: string[], detail: string): Suggestion[] => list.map((w) => ({ label: w, insert: w, detail }));

/** The static suggestions for a context (the UI adds stored keys and values). */
export const traceqlSuggestions = (ctx: CompletionContext): Suggestion[] => {
  const matching = (list: Suggestion[]) => list.filter((s) => s.label.startsWith(ctx.prefix));
  switch (ctx.kind) {
    case 'scope':
      return matching([...SCOPE_SUGGESTIONS, { label: 'resource.service.name', insert: 'resource.service.name', detail: 'service' }, ...INTRINSIC_SUGGESTIONS]);
    case 'operator': {
      const kind = ctx.operand?.kind === 'intrinsic' ? INTRINSIC_KIND[ctx.operand.name] : 'attribute';
      const ops = kind === 'kind' || kind === 'status' ? ['=', '!='] : kind === 'text' || kind === 'attribute' ? ['=', '!=', '=~', '!~', '>', '>=', '<', '<='] : ['=', '!=', '>', '>=', '<', '<='];
      return matching(words(ops, 'operator'));
    }
    case 'value': {
      const kind = ctx.operand?.kind === 'intrinsic' ? INTRINSIC_KIND[ctx.operand.name] : 'attribute';
      if (kind === 'kind') return matching(words(['server', 'client', 'producer', 'consumer', 'internal', 'unspecified'], 'span kind'));
      if (kind === 'status') return matching(words(['error', 'ok', 'unset'], 'status'));
      if (kind === 'duration') return matching(words(['100ms', '1s', '10s', '1m'], 'duration'));
      return matching(words(['nil', ...(kind === 'attribute' ? ['true', 'false'] : [])], kind === 'attribute' ? 'absent / boolean' : 'absent'));
    }
    case 'spansetOperator':
      return matching(
        ctx.inFilter
          ? words(['&&', '||', '}'], 'and / or / end of filter')
          : [
              ...words(['&&', '||'], 'both / either spanset'),
              ...words(['>', '>>', '<', '<<', '~'], 'child / descendant / parent / ancestor / sibling'),
              ...words(['| count() >', '| avg(duration) >', '| select('], 'pipeline'),
            ],
      );
    default:
      return [];
  }
};
