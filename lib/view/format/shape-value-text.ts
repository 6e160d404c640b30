// How an attribute value reads best in the span detail: JSON pretty-printed, multi-line text
// (a stack trace) with its newlines, and long values shortened until the user asks for all.

export type ShapedValue = {
  /** the text to show in full, newlines kept (JSON re-indented by 2) */
  text: string;
  /** monospace block with newlines (JSON or text that has several lines) */
  block: boolean;
  isJson: boolean;
  /** the first lines / characters, when the whole is too long to show at once; else undefined */
  preview: string | undefined;
};

const PREVIEW_CHARS = 300;
const PREVIEW_LINES = 12;

const prettyJson = (text: string): string | undefined => {
  const t = text.trim();
  if (t.length < 2 || !((t[0] === '{' && t.endsWith('}')) || (t[0] === '[' && t.endsWith(']')))) return undefined;
  try {
    return JSON.stringify(JSON.parse(t), null, 2);
  } catch {
    return undefined;
  }
};

/** Shapes a value's display text (see ShapedValue). */
export const shapeValueText = (raw: string): ShapedValue => {
  const json = prettyJson(raw);
  const text = json ?? raw;
  const lines = text.split('\n');
  const block = json !== undefined || lines.length > 1;
  let preview: string | undefined;
  if (lines.length > PREVIEW_LINES) preview = lines.slice(0, PREVIEW_LINES).join('\n');
  if ((preview ?? text).length > PREVIEW_CHARS) preview = (preview ?? text).slice(0, PREVIEW_CHARS);
  return { text, block, isJson: json !== undefined, preview: preview === undefined ? undefined : `${preview}…` };
};
