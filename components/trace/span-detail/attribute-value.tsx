import { useState } from 'react';
import { cutValueTotal } from '@/lib/model/cut-attribute-value';
import { formatSql } from '@/lib/view/format/format-sql';
import { shapeValueText } from '@/lib/view/format/shape-value-text';

type AttributeValueProps = {
  text: string;
  /** for a value the server cut (lib/model/cut-attribute-value.ts): fetches it whole */
  fetchWhole?: () => Promise<void>;
  /** a database statement: SQL is shown a clause a line (the copy button still copies it as sent) */
  statement?: boolean;
};

/**
 * An attribute's value: a monospace block with its newlines for stack traces and (pretty-printed)
 * JSON, long values shortened with "show all". For a value the server cut, "show all" first
 * fetches the whole value, then shows it.
 */
export function AttributeValue({ text, fetchWhole, statement }: AttributeValueProps) {
  const [all, setAll] = useState(false);
  const [fetching, setFetching] = useState(false);
  const shaped = shapeValueText((statement && formatSql(text)) || text);
  const cut = fetchWhole !== undefined;
  const shown = !cut && (all || shaped.preview === undefined) ? shaped.text : (shaped.preview ?? shaped.text);
  const total = cut ? cutValueTotal(text) : shaped.text.length;
  const showAll = () => {
    if (!cut) return setAll((v) => !v);
    setFetching(true);
    void fetchWhole().finally(() => (setFetching(false), setAll(true)));
  };
  const label = all && !cut ? 'show less' : `show all${total !== undefined ? ` (${total.toLocaleString('en-US')} characters)` : ''}`;
  return (
    <div className="min-w-0">
      {shaped.block ? (
        <pre className="max-h-[32rem] overflow-auto rounded bg-slate-50 p-1.5 font-mono text-[11px] leading-4 whitespace-pre" data-testid="attribute-block"
          data-json={shaped.isJson || undefined}>
          {shown}
        </pre>
      ) : (
        <span className="font-mono break-words [overflow-wrap:anywhere]" data-testid="attribute-text">{shown}</span>
      )}
      {(cut || shaped.preview !== undefined) && (
        <button type="button" className="mt-0.5 text-[11px] font-medium text-sky-700 hover:underline disabled:opacity-60" aria-expanded={all && !cut}
          disabled={fetching} onClick={showAll} data-testid="attribute-show-all">
          {fetching ? 'fetching…' : label}
        </button>
      )}
    </div>
  );
}
