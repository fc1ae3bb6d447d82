import clsx from "clsx";

export function Card({ title, actions, children, className, id }: { title?: React.ReactNode; actions?: React.ReactNode; children: React.ReactNode; className?: string; id?: string }) {
  return (
    <section id={id} aria-labelledby={id && title ? `${id}-title` : undefined} className={clsx("rounded-lg border border-slate-800 bg-slate-900/60 p-4", className)}>
      {title || actions ? (
        <div className="mb-3 flex items-center justify-between gap-3">
          {title ? <h2 id={id ? `${id}-title` : undefined} className="text-lg font-semibold text-slate-100">{title}</h2> : <span />}
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}

export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-700 p-8 text-center text-slate-300">
      <p className="font-medium text-slate-100">{title}</p>
      {children ? <div className="mt-2 text-sm">{children}</div> : null}
    </div>
  );
}
