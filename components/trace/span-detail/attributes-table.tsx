'use client';

import { useState } from 'react';
import { decodeValue, toPlainJson, type EncodedAttributes, type EncodedValue, type TypedValue } from '@/lib/model/attribute-value';
import { STATEMENT_ATTRIBUTE_KEYS } from '@/lib/model/conventions';
import { isCutValue } from '@/lib/model/cut-attribute-value';
import { AttributeValue } from './attribute-value';
import { CopyButton } from './copy-button';

const display = (t: TypedValue) => (t.type === 'string' ? t.value : JSON.stringify(toPlainJson(t)));

type AttributesTableProps = {
  attributes: EncodedAttributes | undefined;
  testId: string;
  /** fetches the whole value of an attribute the trace read cut; without it, cut values just show their marker */
  wholeValueOf?: (key: string) => Promise<EncodedValue>;
};

// Dotted keys may wrap after a dot, never inside a word
const wrappableKey = (key: string) =>
  key.split('.').map((part, i, parts) => (
    <span key={i}>
      {part}
      {i < parts.length - 1 && <>.<wbr /></>}
    </span>
  ));

// Key, value and OTLP type of each attribute, in the order sent; values are copyable (the original text, not the
// pretty one). A value the server cut (too long to send with the trace) offers "show all", which
// fetches it whole.
export function AttributesTable({ attributes, testId, wholeValueOf }: AttributesTableProps) {
  const [whole, setWhole] = useState<Record<string, EncodedValue | { error: string }>>({});
  // in the order the client sent them (the store keeps it); a whole value fetched later takes its key's place
  const entries = Object.entries({ ...(attributes ?? {}), ...(Object.fromEntries(Object.entries(whole).filter(([, v]) => !isError(v))) as EncodedAttributes) });
  if (entries.length === 0) return <p className="text-xs text-slate-500">none</p>;
  return (
    <table className="w-full table-fixed text-xs" data-testid={testId}>
      <tbody>
        {entries.map(([key, encoded]) => {
          const typed = decodeValue(encoded);
          const text = display(typed);
          return (
            <tr key={key} className="group border-b border-slate-100 align-top" data-testid="attribute-row">
              <td className="w-2/5 py-1 pr-2 font-mono break-words text-slate-600" data-testid="attribute-key" title={key}>
                {wrappableKey(key)}
              </td>
              <td className="py-1" data-testid="attribute-value">
                <AttributeValue
                  text={text}
                  statement={STATEMENT_ATTRIBUTE_KEYS.includes(key)}
                  fetchWhole={
                    wholeValueOf && isCutValue(encoded)
                      ? () =>
                          wholeValueOf(key).then(
                            (value) => setWhole((w) => ({ ...w, [key]: value })),
                            (err: Error) => setWhole((w) => ({ ...w, [key]: { error: err.message } })),
                          )
                      : undefined
                  }
                />
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
