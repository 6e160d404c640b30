import { useState } from 'react';

// Copies text to the clipboard; falls back to a hidden textarea where the Clipboard API is absent (plain-http hosts).
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [done, setDone] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement('textarea');
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setDone(true);
    setTimeout(() => setDone(false), 1200);
  };
  return (
    <button type="button" aria-label={label} title={label} onClick={() => void copy()} className="rounded px-1 text-[10px] text-slate-500 hover:bg-slate-100 hover:text-slate-700" data-testid="copy-button">
      {done ? '✓' : 'copy'}
    </button>
  );
}
