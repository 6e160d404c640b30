import { useState } from 'react';
import { shapeValueText } from '@/lib/view/format/shape-value-text';

/** An attribute's value: a monospace block with its newlines for stack traces and (pretty-printed) JSON, long values shortened with "show all". */
export function AttributeValue({ text }: { text: string }) {
  const [all, setAll] = useState(false);
  const shaped = shapeValueText(text);
  const shown = all || shaped.preview === undefined ? shaped.text : shaped.preview;
  return (
    <div className="min-w-0">
      {shaped.block ? (
        <pre className="max-h-[32rem] overflow-auto rounded bg-slate-50 p-1.5 font-mono text-[11px] leading-4 whitespace-pre" data-testid="attribute-block"
          data-json={shaped.isJson || undefined}>
          {shown}
        </pre>
      ) : (
        <span className="font-mono break-words [overflow-wrap:anywhere]">{shown}</span>
      )}
      {shaped.preview !== undefined && (
        <button type="button" className="mt-0.5 text-[11px] font-medium text-sky-700 hover:underline" aria-expanded={all}
          onClick={() => setAll((v) => !v)} data-testid="attribute-show-all">
          {all ? 'show less' : `show all (${shaped.text.length.toLocaleString('en-US')} characters)`}
        </button>
      )}
    </div>
  );
}
