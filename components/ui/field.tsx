/** A labelled form field with an optional hint and error line under it. */
export function Field({ label, htmlFor, hint, error, children }: FieldProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={htmlFor} className="block text-xs font-semibold tracking-wide text-slate-600 uppercase">
        {label}
      </label>
      {children}
      {error ? (
        <p className="text-xs text-red-700" role="alert" data-testid={`${htmlFor}-error`}>
          {error}
        </p>
      ) : hint ? (
        <p className="text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
}

type FieldProps = { label: string; htmlFor: string; hint?: React.ReactNode; error?: string; children: React.ReactNode };

/** The classes every text input and select of the forms share. */
export const inputClass =
  'block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-xs outline-none placeholder:text-slate-400 focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20 aria-invalid:border-red-500';
