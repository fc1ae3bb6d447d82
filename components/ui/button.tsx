import clsx from "clsx";
import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "danger" | "ghost";
const VARIANTS: Record<Variant, string> = {
  // sky-700 keeps white text above 4.5:1 (sky-600 is 4.0:1, failing WCAG AA for normal-size text).
  primary: "bg-sky-700 text-white hover:bg-sky-800",
  secondary: "bg-slate-800 text-slate-100 ring-1 ring-slate-600 hover:bg-slate-700",
  danger: "bg-rose-700 text-white hover:bg-rose-600",
  ghost: "text-slate-200 hover:bg-slate-800",
};

export function Button({ variant = "secondary", className, ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      {...props}
      className={clsx(
        "inline-flex items-center justify-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400 disabled:cursor-not-allowed disabled:opacity-50",
        VARIANTS[variant],
        className,
      )}
    />
  );
}
