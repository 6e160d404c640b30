type SearchMessageProps = { title: string; children: React.ReactNode; testId: string; tone?: 'info' | 'error' };

/** A boxed message in place of results: nothing found, or the search failed. */
export function SearchMessage({ title, children, testId, tone = 'info' }: SearchMessageProps) {
  const colours = tone === 'error' ? 'border-red-200 bg-red-50 text-red-900' : 'border-slate-200 bg-white text-slate-700';
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} data-testid={testId} className={`rounded-lg border px-6 py-10 text-center ${colours}`}>
      <p className="font-semibold">{title}</p>
      <p className="mt-1 text-sm opacity-80">{children}</p>
    </div>
  );
}
