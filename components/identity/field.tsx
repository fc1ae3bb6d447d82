"use client";
import clsx from "clsx";
import type { InputHTMLAttributes } from "react";
import { FieldErrors } from "@/components/ui/field-errors";

export const inputClass =
  "mt-1 block w-full rounded-md border bg-slate-900 px-3 py-2 text-base text-slate-100 placeholder:text-slate-500 focus:outline focus:outline-2 focus:outline-sky-400";

/** A labelled input with its validation messages right under it, tied together for screen readers. */
export function Field({ id, label, hint, errors, ...props }: InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; hint?: string; errors?: string[] }) {
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-200">
        {label}
      </label>
      <input id={id} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy} {...props} className={clsx(inputClass, errors?.length ? "border-rose-500" : "border-slate-600")} />
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-400">
          {hint}
        </p>
      ) : null}
      <FieldErrors fieldId={id} errors={errors} />
    </div>
  );
}
