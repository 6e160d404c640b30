// SQL as the span detail shows it (db.statement, db.query.text): one clause a line, the
// conditions of WHERE/ON/HAVING a line each, subqueries indented. Only whitespace outside
// strings, quoted identifiers and comments changes, so what is shown is still the statement that
// ran (the copy button copies it as sent). Text that does not start like SQL is left alone.

const STARTS_LIKE_SQL = /^\s*(\(\s*)*(select|with|insert|update|delete|merge|values|explain)\b/i;

// clauses that start a line at their depth (longest first: "order by" before "or")
const CLAUSES = [
  'union all', 'group by', 'order by', 'partition by', 'left outer join', 'right outer join', 'full outer join',
  'left join', 'right join', 'full join', 'inner join', 'cross join', 'join', 'insert into', 'delete from',
  'on conflict', 'returning', 'select', 'from', 'where', 'having', 'limit', 'offset', 'values', 'set', 'union',
  'except', 'intersect', 'with', 'update', 'on',
];
// conditions that start a line one step in
const CONNECTIVES = ['and', 'or'];

type Token = { text: string; kind: 'word' | 'space' | 'open' | 'close' | 'other' | 'literal' };

// sticky patterns, matched in place (slicing the rest of a 16,000-character statement at every
// token would be quadratic)
const LITERAL = /'(?:[^']|'')*'?|"(?:[^"]|"")*"?|`[^`]*`?|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|\$(\w*)\$[\s\S]*?(?:\$\1\$|$)/y;
const SPACE = /\s+/y;
const WORD = /[\w$.]+/y;

const tokenize = (sql: string): Token[] => {
  const tokens: Token[] = [];
  const at = (re: RegExp, i: number) => {
    re.lastIndex = i;
    return re.exec(sql)?.[0];
  };
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const startsLiteral = c === "'" || c === '"' || c === '`' || sql.startsWith('--', i) || sql.startsWith('/*', i) || (c === '$' && /\$\w*\$/y.test(sql.slice(i, i + 64)));
    const literal = startsLiteral ? at(LITERAL, i) : undefined;
    const space = literal === undefined ? at(SPACE, i) : undefined;
    const word = literal === undefined && space === undefined ? at(WORD, i) : undefined;
    if (literal !== undefined) tokens.push({ text: literal, kind: 'literal' });
    else if (space !== undefined) tokens.push({ text: ' ', kind: 'space' });
    else if (word !== undefined) tokens.push({ text: word, kind: 'word' });
    else tokens.push({ text: c, kind: c === '(' ? 'open' : c === ')' ? 'close' : 'other' });
    i += (literal ?? space ?? word ?? c).length;
  }
  return tokens;
};

const CLAUSE_WORDS = CLAUSES.map((phrase) => phrase.split(' '));
const CLAUSE_FIRST_WORDS = new Set(CLAUSE_WORDS.map((words) => words[0]));

/** The clause (its words) starting at token `at`, or undefined. */
const clauseAt = (tokens: Token[], at: number): { end: number } | undefined => {
  if (!CLAUSE_FIRST_WORDS.has(tokens[at].text.toLowerCase())) return undefined;
  for (const words of CLAUSE_WORDS) {
    let j = at;
    let ok = true;
    for (let w = 0; w < words.length && ok; w++) {
      if (w > 0) ok = tokens[j++]?.kind === 'space';
      ok = ok && tokens[j]?.kind === 'word' && tokens[j].text.toLowerCase() === words[w];
      j++;
    }
    if (ok) return { end: j };
  }
  return undefined;
};

/** `sql` laid out a clause a line, or undefined when it does not look like SQL. */
export const formatSql = (sql: string): string | undefined => {
  if (!STARTS_LIKE_SQL.test(sql)) return undefined;
  const tokens = tokenize(sql.trim());
  const out: string[] = [];
  // per open parenthesis: the indent of its contents and whether it holds a subquery
  const stack: { indent: string; lineIndent: string; subquery: boolean }[] = [];
  let indent = ''; // of the clauses at this depth
  let lineIndent = ''; // of the line being written
  let inBetween = false; // BETWEEN x AND y: that AND is no connective
  const newline = (at: string) => {
    while (out.length > 0 && out[out.length - 1] === ' ') out.pop();
    if (out.length > 0 && out[out.length - 1].startsWith('\n')) out.pop(); // a line break already there
    if (out.length > 0) out.push('\n' + at);
    lineIndent = at;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'space') {
      if (out.length > 0 && !out[out.length - 1].startsWith('\n') && out[out.length - 1] !== '(') out.push(' ');
      continue;
    }
    if (t.kind === 'open') {
      const next = tokens[i + 1]?.kind === 'space' ? tokens[i + 2] : tokens[i + 1];
      const subquery = next?.kind === 'word' && /^(select|with)$/i.test(next.text);
      stack.push({ indent, lineIndent, subquery });
      out.push('(');
      if (subquery) {
        indent = lineIndent + '  ';
        newline(indent);
        if (tokens[i + 1]?.kind === 'space') i++;
      }
      continue;
    }
    if (t.kind === 'close') {
      const frame = stack.pop();
      if (frame?.subquery) newline(frame.lineIndent);
      indent = frame?.indent ?? indent;
      out.push(')');
      continue;
    }
    if (t.kind === 'word') {
      const lower = t.text.toLowerCase();
      if (lower === 'between') inBetween = true;
      const clause = clauseAt(tokens, i);
      if (clause) {
        newline(indent);
        out.push(tokens.slice(i, clause.end).map((x) => x.text).join(''));
        i = clause.end - 1;
        continue;
      }
      if (CONNECTIVES.includes(lower)) {
        if (lower === 'and' && inBetween) {
          inBetween = false;
        } else {
          newline(indent + '  ');
        }
      }
    }
    out.push(t.text);
  }
  return out.join('').replace(/[ \t]+\n/g, '\n');
};
