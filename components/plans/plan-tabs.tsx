import Link from "next/link";
import clsx from "clsx";

export const PLAN_TABS = [
  { id: "overview", label: "Overview" },
  { id: "roster", label: "Roster" },
  { id: "timeline", label: "Timeline" },
  { id: "procedure", label: "Procedure" },
  { id: "canary", label: "Canary & gates" },
  { id: "rollback", label: "Rollback" },
  { id: "risks", label: "Risks" },
  { id: "monitoring", label: "Monitoring" },
  { id: "success", label: "Success criteria" },
  { id: "notes", label: "Notes" },
] as const;
export type PlanTabId = (typeof PLAN_TABS)[number]["id"];

export function planTab(value: string | string[] | undefined): PlanTabId {
  const v = Array.isArray(value) ? value[0] : value;
  return PLAN_TABS.find((t) => t.id === v)?.id ?? "overview";
}

/**
 * Section navigation as plain links (?tab=), so it works without JavaScript, every section has its own
 * URL, and keyboard users move with Tab/Enter. The current one is marked with aria-current.
 */
export function PlanTabs({ basePath, current, version, counts }: { basePath: string; current: PlanTabId; version?: number; counts: Partial<Record<PlanTabId, number>> }) {
  return (
    <nav aria-label="Plan sections" className="-mx-1 overflow-x-auto">
      <ul className="flex min-w-max gap-1 border-b border-slate-800 px-1">
        {PLAN_TABS.map((tab) => {
          const active = tab.id === current;
          const query = new URLSearchParams();
          if (tab.id !== "overview") query.set("tab", tab.id);
          if (version !== undefined) query.set("version", String(version));
          const href = query.size ? `${basePath}?${query}` : basePath;
          const count = counts[tab.id];
          return (
            <li key={tab.id}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                scroll={false}
                className={clsx(
                  "-mb-px inline-flex items-center gap-2 rounded-t-md border-b-2 px-3 py-2 text-base font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400",
                  active ? "border-sky-400 bg-slate-900 text-white" : "border-transparent text-slate-300 hover:bg-slate-900 hover:text-white",
                )}
              >
                {tab.label}
                {count !== undefined ? <span className="rounded bg-slate-800 px-1.5 text-sm text-slate-200">{count}</span> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
