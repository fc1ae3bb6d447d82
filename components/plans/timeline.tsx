import type { TPhase, TPlan, TTask } from "@/lib/plan/schema";
import { Badge } from "@/components/ui/badge";
import { DataTable, Td } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/card";
import { dateTimeFormat, durationText, statusLook, taskWindow, plural } from "./format";

const BAR_TONE: Record<string, string> = {
  success: "bg-emerald-500/80 ring-emerald-300",
  info: "bg-sky-500/80 ring-sky-300",
  danger: "bg-rose-500/80 ring-rose-300",
  warning: "bg-amber-500/80 ring-amber-300",
  neutral: "bg-slate-500/80 ring-slate-300",
};

function StatusBadge({ status }: { status: string }) {
  const look = statusLook(status);
  return (
    <Badge tone={look.tone} symbol={look.symbol}>
      {look.label}
    </Badge>
  );
}

/** Phase dates are calendar dates (no zone): format them as such. */
function phaseDates(phase: TPhase): string | null {
  if (!phase.startsOn) return null;
  const f = dateTimeFormat("UTC", { weekday: "short", day: "numeric", month: "short", year: "numeric" });
  const a = f.format(new Date(`${phase.startsOn}T00:00:00Z`));
  const b = phase.endsOn && phase.endsOn !== phase.startsOn ? f.format(new Date(`${phase.endsOn}T00:00:00Z`)) : null;
  return b ? `${a} – ${b}` : a;
}

/**
 * A Gantt-like strip per phase: each bar spans the task's window on the phase's own scale. The table above
 * carries the same facts as text, so the bars are a picture for sighted readers and hidden from AT.
 */
function Gantt({ tasks, zone }: { tasks: TTask[]; zone: string }) {
  if (tasks.length === 0) return null;
  const starts = tasks.map((t) => new Date(t.start).getTime());
  const ends = tasks.map((t) => new Date(t.end).getTime());
  const min = Math.min(...starts);
  const max = Math.max(...ends);
  const span = Math.max(max - min, 1);
  const allDay = tasks.every((t) => t.allDay);
  const tick = allDay ? dateTimeFormat(zone, { day: "numeric", month: "short" }) : dateTimeFormat(zone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => min + f * span);
  return (
    <div aria-hidden="true" className="mt-4 rounded-md border border-slate-800 bg-slate-950/60 p-3">
      <div className="grid grid-cols-[minmax(8rem,16rem)_1fr] gap-x-3 text-xs text-slate-300">
        <span />
        <div className="relative h-5">
          {ticks.map((t, i) => (
            <span key={i} className="absolute -translate-x-1/2 whitespace-nowrap first:translate-x-0 last:-translate-x-full" style={{ left: `${((t - min) / span) * 100}%` }}>
              {tick.format(new Date(allDay && i === ticks.length - 1 ? t - 1 : t))}
            </span>
          ))}
        </div>
      </div>
      <ul className="space-y-1.5">
        {tasks.map((task) => {
          const s = new Date(task.start).getTime();
          const e = new Date(task.end).getTime();
          const look = statusLook(task.status);
          return (
            <li key={task.key} className="grid grid-cols-[minmax(8rem,16rem)_1fr] items-center gap-x-3">
              <span className="truncate text-sm text-slate-200">{task.title}</span>
              <div className="relative h-6 rounded bg-slate-900">
                <div
                  className={`absolute inset-y-0.5 flex min-w-6 items-center rounded px-1 text-xs font-semibold text-slate-950 ring-1 ${BAR_TONE[look.tone]}`}
                  style={{ left: `${((s - min) / span) * 100}%`, width: `${Math.max(((e - s) / span) * 100, 1.5)}%` }}
                >
                  <span className="truncate">{look.symbol}</span>
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function TimelineSection({ plan }: { plan: TPlan }) {
  const total = plan.phases.reduce((n, p) => n + p.tasks.length, 0);
  if (total === 0) return <EmptyState title="No tasks in the timeline" />;
  return (
    <div className="space-y-8">
      <p className="text-slate-300">
        {plural(total, "task")} in {plural(plan.phases.length, "phase")}. Times are in the plan&apos;s time zone, <strong className="text-white">{plan.timezone}</strong>.
      </p>
      {plan.phases.map((phase, i) => {
        const headingId = `phase-${i + 1}`;
        const dates = phaseDates(phase);
        return (
          <section key={i} aria-labelledby={headingId}>
            <h3 id={headingId} className="text-xl font-semibold text-white">
              {phase.name}
              {dates ? <span className="ml-2 text-base font-normal text-slate-300">{dates}</span> : null}
            </h3>
            {phase.tasks.length === 0 ? (
              <p className="mt-2 text-slate-300">No tasks in this phase.</p>
            ) : (
              <>
                <DataTable caption={`${phase.name}: ${plural(phase.tasks.length, "task")}`} headers={["#", "Task", "Owner", "Window", "Duration", "Status", "Depends on"]} className="mt-3 text-base">
                  {phase.tasks.map((task) => (
                    <tr key={task.key} data-testid="timeline-task">
                      <Td className="whitespace-nowrap font-mono text-sm text-slate-300">{task.key}</Td>
                      <Td className="font-medium text-white">{task.title}</Td>
                      <Td>{task.owner}</Td>
                      <Td className="whitespace-nowrap">{taskWindow(task, plan.timezone)}</Td>
                      <Td className="whitespace-nowrap">{durationText(task.start, task.end)}</Td>
                      <Td>
                        <StatusBadge status={task.status} />
                      </Td>
                      <Td className="font-mono text-sm">{task.dependsOn.length ? task.dependsOn.join(", ") : "—"}</Td>
                    </tr>
                  ))}
                </DataTable>
                <Gantt tasks={phase.tasks} zone={plan.timezone} />
              </>
            )}
          </section>
        );
      })}
    </div>
  );
}
