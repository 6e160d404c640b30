import { describe, expect, test } from 'vitest';
import { shapeValueText } from './shape-value-text';

describe('shapeValueText', () => {
  test('a short single-line value is shown as it is', () => {
    expect(shapeValueText('GET /checkout')).toEqual({ text: 'GET /checkout', block: false, isJson: false, preview: undefined });
  });

  test('a stack trace keeps its newlines, in a block, shortened to its first 12 lines', () => {
    const stack = ['Error: boom', ...Array.from({ length: 20 }, (_, i) => `    at f${i} (app.js:${i}:1)`)].join('\n');
    const shaped = shapeValueText(stack);
    expect(shaped).toMatchObject({ text: stack, block: true, isJson: false });
    expect(shaped.preview!.split('\n')).toHaveLength(12);
    expect(shaped.preview!.startsWith('Error: boom\n    at f0 (app.js:0:1)')).toBe(true);
    expect(shaped.preview!.endsWith('…')).toBe(true);
  });

  test('JSON objects and arrays are pretty-printed; text that only looks like JSON is left alone', () => {
    expect(shapeValueText('{"user":{"id":7},"tags":["a"]}')).toMatchObject({
      text: '{\n  "user": {\n    "id": 7\n  },\n  "tags": [\n    "a"\n  ]\n}',
      block: true,
      isJson: true,
    });
    expect(shapeValueText('{not json}')).toMatchObject({ text: '{not json}', isJson: false, block: false });
  });

  test('a long single line (a cookie) is previewed by its first 300 characters', () => {
    const cookie = 'session=' + 'x'.repeat(2500);
    const shaped = shapeValueText(cookie);
    expect(shaped.text).toBe(cookie);
    expect(shaped.preview).toBe(`${cookie.slice(0, 300)}…`);
  });
});
