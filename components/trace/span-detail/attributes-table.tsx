'use client';

import { useState } from 'react';
import { decodeValue, toPlainJson, type EncodedAttributes, type EncodedValue, type TypedValue } from '@/lib/model/attribute-value';
import { isCutValue } from '@/lib/model/cut-attribute-value';
import { CopyButton } from './copy-button';

const display = (t: TypedValue) => (t.type === 'string' ? t.value : JSON.stringify(toPlainJson(t)));

type AttributesTableProps = {
  attributes: EncodedAttributes | undefined;
  testId: string;
  /** fetches the whole value of an attribute the trace read cut; without it, cut values just show their marker */
  wholeValueOf?: (key: string) => Promise<EncodedValue>;
};

// Key, value and OTLP type of each attribute; values are copyable. A value the server cut (too
// long to send with the trace) offers "Show all", which fetches it whole.
export function AttributesTable({ attributes, testId, wholeValueOf }: AttributesTableProps) {
  const [whole, setWhole] = useState<Record<string, EncodedValue | { error: string }>>({});
  const entries = Object.entries({ ...(attributes ?? {}), ...(Object.fromEntries(Object.entries(whole).filter(([, v]) => !isError(v))) as EncodedAttributes) }).sort(([a], [b]) =>
    a.localeCompare(b),
  );
  if (entries.length === 0) return <p className="text-xs text-slate-400">none</p>;
  return (
    <table className="w-full table-fixed text-xs" data-testid={testId}>
      <tbody>
        {entries.map(([key, encoded]) => {
          const typed = decodeValue(encoded);
          const text = display(typed);
          return (
            <tr key={key} className="group border-b border-slate-100 align-top" data-testid="attribute-row">
              <td className="w-2/5 break-all py-1 pr-2 font-mono text-slate-600" data-testid="attribute-key">
                {key}
              </td>
              <td className="break-all py-1 font-mono" data-testid="attribute-value">
                {text}
                {wholeValueOf && isCutValue(encoded) && (
                  <button
                    type="button"
                    className="ml-1 rounded px-1 text-sky-700 underline hover:bg-sky-50 dark:text-sky-300 dark:hover:bg-slate-800"
                    data-testid="attribute-show-all"
                    onClick={() =>
                      void wholeValueOf(key).then(
                        (value) => setWhole((w) => ({ ...w, [key]: value })),
                        (err: Error) => setWhole((w) => ({ ...w, [key]: { error: err.message } })),
                      )
                    }
                  >
                    Show all
                  </button>
                )}
                {isError(whole[key]) && <span className="ml-1 text-red-600" role="alert">{(whole[key] as { error: string }).error}</span>}
              </td>
              <td className="w-14 py-1 text-right">
                <span className="rounded bg-slate-100 px-1 text-[10px] text-slate-500" data-testid="attribute-type">
                  {typed.type}
                </span>
              </td>
              <td className="w-8 py-1 text-right">
                <CopyButton text={text} label={`Copy ${key}`} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const isError = (v: EncodedValue | { error: string } | undefined): v is { error: string } =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'error' in v && Object.keys(v).length === 1;
