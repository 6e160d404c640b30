import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { checkDataDir } from './check-data-dir';

// DATA_DIR under /proc used to hang the start without a word: it is refused at once, naming the
// variable, as is anything that is not a writable ordinary directory.

const scratch = mkdtempSync(path.join(tmpdir(), 'spanscope-datadir-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('a folder under /proc, /sys or /dev is refused, also through a symbolic link', () => {
  expect(() => checkDataDir('/proc/self/spanscope')).toThrow(/^DATA_DIR=\/proc\/self\/spanscope is under \/proc, a kernel file system .*set DATA_DIR to a writable folder/);
  expect(() => checkDataDir('/sys/spanscope')).toThrow(/is under \/sys/);
  const link = path.join(scratch, 'link');
  symlinkSync('/proc/self', link);
  expect(() => checkDataDir(link)).toThrow(/leads to \/proc\/\d+, under \/proc/);
});

test('a file is refused; a new folder is created and accepted', () => {
  const file = path.join(scratch, 'a-file');
  writeFileSync(file, '');
  expect(() => checkDataDir(file)).toThrow(/is not a directory|cannot be created/);
  expect(() => checkDataDir(path.join(scratch, 'new', 'data'))).not.toThrow();
});
