import clsx from "clsx";

export type Tone = "neutral" | "info" | "success" | "warning" | "danger";

const TONES: Record<Tone, string> = {
  neutral: "bg-slate-800 text-slate-200 ring-slate-600",
  info: "bg-sky-950 text-sky-200 ring-sky-700",
  success: "bg-emerald-950 text-emerald-200 ring-emerald-700",
  warning: "bg-amber-950 text-amber-200 ring-amber-700",
  danger: "bg-rose-950 text-rose-200 ring-rose-700",
};

/** Status is shown by color AND text (and an optional symbol), never color alone. */
export function Badge({ tone = "neutral", symbol, children, className }: { tone?: Tone; symbol?: string; children: React.ReactNode; className?: string }) {
  return (
    <span className={clsx("inline-flex items-center gap-1 rounded px-2 py-0.5 text-sm font-medium ring-1 ring-inset", TONES[tone], className)}>
      {symbol ? <span aria-hidden="true">{symbol}</span> : null}
      {children}
    </span>
  );
}
