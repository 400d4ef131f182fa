import { type InputHTMLAttributes, useId } from "react";

import { cn } from "~/lib/cn";

export const inputClass =
  "w-full rounded-md bg-rail px-3 py-2.5 text-[15px] text-strong placeholder:text-faint outline-none ring-brand focus-visible:ring-2 focus-visible:outline-none aria-invalid:ring-2 aria-invalid:ring-danger";

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  error?: string;
  hint?: string;
}

/** A labelled input with its error or hint announced with it. */
export function Field({ label, error, hint, className, ...props }: FieldProps) {
  const id = useId();
  const noteId = `${id}-note`;
  const note = error ?? hint;
  return (
    <div className={cn("flex flex-col gap-2", className)}>
      <label htmlFor={id} className="text-xs font-bold tracking-wide text-muted uppercase">
        {label}
        {props.required && (
          <span className="text-danger" aria-hidden>
            {" "}
            *
          </span>
        )}
      </label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={note ? noteId : undefined} className={inputClass} {...props} />
      {note && (
        <p id={noteId} className={cn("text-xs", error ? "text-[#fa777c]" : "text-muted")} role={error ? "alert" : undefined}>
          {note}
        </p>
      )}
    </div>
  );
}
