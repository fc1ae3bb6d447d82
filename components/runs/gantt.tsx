"use client";
// Planned windows (outlined) against actual start/end (filled, colored by status) for one phase, with a
// "now" line. Hand-built with CSS so it stays light and readable from across a room.
import { taskLateness } from "@/lib/runs/progress";
import type { TTaskDto } from "@/lib/runs/dto";
import { TASK_LOOK } from "./labels";
import { formatTime } from "./use-now";
import { formatTaskWindow, isWholeDaySpan } from "@/lib/runs/zone";

export function Gantt({ tasks, now, timezone }: { tasks: TTaskDto[]; now: number | null; timezone: string }) {
  if (tasks.length === 0) return <p className="text-slate-300">No tasks in this phase.</p>;
  const times = tasks.flatMap((t) => [Date.parse(t.plannedStart), Date.parse(t.plannedEnd), t.actualStart ? Date.parse(t.actualStart) : NaN, t.actualEnd ? Date.parse(t.actualEnd) : NaN]).filter((n) => !Number.isNaN(n));
  let min = Math.min(...times);
  let max = Math.max(...times);
  // Keep "now" on the chart when it is close to the phase, so in-progress bars can grow.
  if (now !== null && now > max && now - max < (max - min) * 0.5) max = now;
  if (now !== null && now < min && min - now < (max - min) * 0.2) min = now;
  const span = Math.max(1, max - min);
  const pct = (ms: number) => `${(((ms - min) / span) * 100).toFixed(3)}%`;
  const width = (a: number, b: number) => `${Math.max(0.4, ((b - a) / span) * 100).toFixed(3)}%`;
  const showDates = max - min > 36 * 3_600_000;
  // Date-only phases read as days ("8 Jun … 14 Jun"), not as midnights.
  const allDay = tasks.every((t) => isWholeDaySpan(t.plannedStart, t.plannedEnd, timezone));
  const edge = (ms: number, last: boolean) => (allDay ? formatDay(last ? ms - 1 : ms, timezone) : formatTime(new Date(ms).toISOString(), timezone, showDates));
  return (
    // On a phone the chart scrolls sideways rather than squeezing the bars to nothing.
    <div className="overflow-x-auto focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400" tabIndex={0} role="region" aria-label="Timeline chart">
    <div role="table" aria-label="Timeline: planned versus actual" className="w-full min-w-[36rem]">
      <div role="row" className="mb-1 flex text-sm text-slate-400">
        <span role="columnheader" className="w-64 shrink-0">Task</span>
        <span role="columnheader" className="relative flex-1">
          <span className="absolute left-0">{edge(min, false)}</span>
          <span className="absolute right-0">{edge(max, true)}</span>
          &nbsp;
        </span>
      </div>
      {tasks.map((task) => {
        const look = TASK_LOOK[task.status] ?? TASK_LOOK.not_started;
        const ps = Date.parse(task.plannedStart);
        const pe = Date.parse(task.plannedEnd);
        const as = task.actualStart ? Date.parse(task.actualStart) : null;
        const ae = task.actualEnd ? Date.parse(task.actualEnd) : task.status === "in_progress" || task.status === "blocked" ? now : null;
        const late = now !== null ? taskLateness(task, now) : null;
        return (
          <div role="row" key={task.id} className="flex items-center border-t border-slate-800 py-1">
            <span role="cell" className="w-64 shrink-0 truncate pr-2 text-base" title={task.title}>
              <span aria-hidden="true">{look.symbol} </span>
              {task.title}
              {late && late.kind !== "finished_late" ? <span className="ml-1 font-semibold text-amber-300">⚑ late</span> : null}
            </span>
            <span role="cell" className="relative h-7 flex-1" aria-label={`${look.label}; planned ${formatTaskWindow(task.plannedStart, task.plannedEnd, timezone)}${as ? `; actual from ${formatTime(task.actualStart, timezone)}` : ""}${task.actualEnd ? ` to ${formatTime(task.actualEnd, timezone)}` : ""}${late ? "; late" : ""}`}>
              <span className="absolute top-0.5 h-6 rounded-sm border-2 border-dashed border-slate-500" style={{ left: pct(ps), width: width(ps, pe) }} />
              {as !== null && ae !== null ? (
                <span className={`absolute top-2 h-3 rounded-sm ${look.bar} ${late ? "ring-2 ring-amber-300" : ""}`} style={{ left: pct(as), width: width(as, ae) }} />
              ) : null}
            </span>
          </div>
        );
      })}
      {now !== null && now >= min && now <= max ? (
        <div className="pointer-events-none relative -mt-1 h-0">
          <div className="absolute bottom-0 border-l-2 border-rose-400" style={{ left: `calc(16rem + (100% - 16rem) * ${((now - min) / span).toFixed(4)})`, height: `${tasks.length * 2.25 + 1.5}rem` }}>
            <span className="absolute -top-1 left-1 rounded bg-rose-700 px-1 text-xs font-bold text-white">now</span>
          </div>
        </div>
      ) : null}
    </div>
    </div>
  );
}

function formatDay(ms: number, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short" }).format(ms);
  } catch {
    return new Date(ms).toISOString().slice(0, 10);
  }
}
