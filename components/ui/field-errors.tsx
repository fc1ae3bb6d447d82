import clsx from "clsx";

/**
 * A field's validation messages, right under it. The id is `${fieldId}-error`, which the field names in
 * aria-describedby so screen readers read the message with the field.
 */
export function FieldErrors({ fieldId, errors, className = "mt-1" }: { fieldId: string; errors?: string[]; className?: string }) {
  if (!errors?.length) return null;
  return (
    <p id={`${fieldId}-error`} className={clsx("text-sm text-rose-300", className)}>
      <span aria-hidden="true">✕ </span>
      {errors.join(" ")}
    </p>
  );
}
