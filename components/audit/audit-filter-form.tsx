import Link from "next/link";
import { AUDIT_PAGE_SIZE_MAX } from "@/lib/audit/filters";
import { FieldErrors } from "@/components/ui/field-errors";

const input =
  "mt-1 w-full rounded-md border border-slate-600 bg-slate-900 px-3 py-2 text-base text-slate-100 placeholder:text-slate-400 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400 aria-[invalid=true]:border-rose-400";

type Values = Partial<Record<"actor" | "action" | "outcome" | "targetType" | "targetId" | "runId" | "from" | "to" | "limit", string>>;

function Field({ name, label, hint, errors, children }: { name: string; label: string; hint?: string; errors?: string[]; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={`f-${name}`} className="block text-sm font-medium text-slate-200">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`f-${name}-hint`} className="mt-1 text-xs text-slate-400">
          {hint}
        </p>
      ) : null}
      <FieldErrors fieldId={`f-${name}`} errors={errors} />
    </div>
  );
}

function describedBy(name: string, hint: boolean, errors?: string[]) {
  const ids = [hint ? `f-${name}-hint` : null, errors?.length ? `f-${name}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** A plain GET form: filtering works without JavaScript, and the URL it produces is a shareable link. */
export function AuditFilterForm({ values, errors = {}, actionNames }: { values: Values; errors?: Record<string, string[]>; actionNames: string[] }) {
  const text = (name: keyof Values, label: string, hint?: string, placeholder?: string, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field name={name} label={label} hint={hint} errors={errors[name]}>
      <input
        id={`f-${name}`}
        name={name}
        defaultValue={values[name] ?? ""}
        placeholder={placeholder}
        className={input}
        aria-invalid={errors[name]?.length ? true : undefined}
        aria-describedby={describedBy(name, Boolean(hint), errors[name])}
        {...extra}
      />
    </Field>
  );
  const prefixes = [...new Set(actionNames.map((n) => `${n.split(".")[0]}.`))];
  return (
    <form method="get" action="/audit" role="search" aria-label="Filter the audit log" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {text("actor", "Actor", "A user id, or part of a name.", "e.g. Dana")}
      {text("action", "Action", "Exact name, or a prefix ending in “.”.", "e.g. tasks.", { list: "audit-action-names" })}
      <datalist id="audit-action-names">
        {[...prefixes, ...actionNames].map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <Field name="outcome" label="Outcome" errors={errors.outcome}>
        <select id="f-outcome" name="outcome" defaultValue={values.outcome ?? ""} className={input}>
          <option value="">Any outcome</option>
          <option value="ok">✓ ok (applied)</option>
          <option value="denied">✕ denied (refused)</option>
        </select>
      </Field>
      {text("runId", "Run id", undefined, "uuid")}
      {text("targetType", "Target type", undefined, "e.g. task, run, user")}
      {text("targetId", "Target id")}
      {text("from", "From (UTC)", "Inclusive.", undefined, { type: "datetime-local", step: 1 })}
      {text("to", "To (UTC)", "Exclusive.", undefined, { type: "datetime-local", step: 1 })}
      <Field name="limit" label="Events per page" errors={errors.limit}>
        <select id="f-limit" name="limit" defaultValue={values.limit ?? "50"} className={input}>
          {[25, 50, 100, AUDIT_PAGE_SIZE_MAX].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </Field>
      <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-3">
        <button type="submit" className="rounded-md bg-sky-700 px-4 py-2 font-medium text-white hover:bg-sky-600 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400">
          Apply filters
        </button>
        <Link href="/audit" className="rounded-md px-4 py-2 text-slate-200 ring-1 ring-slate-600 hover:bg-slate-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400">
          Clear
        </Link>
      </div>
    </form>
  );
}
