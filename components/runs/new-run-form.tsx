"use client";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import type { TRunDto } from "@/lib/runs/dto";
import { isoToWallTime, wallTimeToIso } from "@/lib/runs/zone";
import { formatDuration } from "@/lib/runs/progress";
import { Button } from "@/components/ui/button";
import { ApiError, apiCall, newKey } from "./api";

type Choice = { id: string; title: string; version: number; timezone: string; windowStart: string | null; windowEnd: string | null; planWindowStart: string | null; movedFromPast: boolean; tasks: number };

const input = "mt-1 w-full rounded border border-slate-600 bg-slate-950 p-2 text-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400";

/** Creating a run: plan version, title, schedule and maintenance window (defaults from the plan), visibility. */
export function NewRunForm({ versions }: { versions: Choice[] }) {
  const router = useRouter();
  const id = useId();
  const [versionId, setVersionId] = useState(versions[0].id);
  const version = versions.find((v) => v.id === versionId) ?? versions[0];
  const wall = (iso: string | null) => (iso ? isoToWallTime(iso, version.timezone) : "");
  const [title, setTitle] = useState(`${version.title} — run`);
  const [start, setStart] = useState(wall(version.windowStart));
  const [windowEnd, setWindowEnd] = useState(wall(version.windowEnd));
  const [statusPublic, setStatusPublic] = useState(false);
  const [carry, setCarry] = useState(true);
  const [key] = useState(newKey);
  const [fields, setFields] = useState<Record<string, string[]>>({});

  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiCall<TRunDto>("/api/v1/runs", { body, idempotencyKey: key }),
    onSuccess: (run) => router.push(`/runs/${run.id}`),
    onError: (error) => setFields(error instanceof ApiError && error.fields ? error.fields : { _: [error.message] }),
  });

  const chooseVersion = (next: string) => {
    setVersionId(next);
    const v = versions.find((x) => x.id === next)!;
    setStart(v.windowStart ? isoToWallTime(v.windowStart, v.timezone) : "");
    setWindowEnd(v.windowEnd ? isoToWallTime(v.windowEnd, v.timezone) : "");
  };

  // Moving the start carries the end along, so the window keeps its length unless the lead changes it.
  const changeStart = (next: string) => {
    const before = start ? wallTimeToIso(start, version.timezone) : null;
    const after = next ? wallTimeToIso(next, version.timezone) : null;
    const end = windowEnd ? wallTimeToIso(windowEnd, version.timezone) : null;
    if (before && after && end) setWindowEnd(isoToWallTime(new Date(Date.parse(end) + Date.parse(after) - Date.parse(before)).toISOString(), version.timezone));
    setStart(next);
  };
  const previewStart = start ? wallTimeToIso(start, version.timezone) : null;
  const previewEnd = windowEnd ? wallTimeToIso(windowEnd, version.timezone) : null;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string[]> = {};
    const startIso = start ? wallTimeToIso(start, version.timezone) : null;
    const endIso = windowEnd ? wallTimeToIso(windowEnd, version.timezone) : null;
    if (!startIso) errors.scheduledStart = ["Give the start date and time."];
    if (!endIso) errors.windowEnd = ["Give the end of the maintenance window."];
    if (startIso && endIso && endIso <= startIso) errors.windowEnd = ["The window must end after it starts."];
    if (title.trim().length < 3) errors.title = ["Give the run a title of at least 3 characters."];
    setFields(errors);
    if (Object.keys(errors).length) return;
    create.mutate({ planVersionId: versionId, title, scheduledStart: startIso, windowStart: startIso, windowEnd: endIso, statusPublic, carryPlanStatus: carry });
  };

  const err = (name: string) =>
    fields[name]?.length ? (
      <p id={`${id}-${name}-error`} className="mt-1 text-sm text-rose-300">
        {fields[name].join(" ")}
      </p>
    ) : null;
  const described = (name: string) => (fields[name]?.length ? `${id}-${name}-error` : undefined);

  return (
    <form onSubmit={submit} noValidate className="space-y-4 rounded-lg border border-slate-800 bg-slate-900/60 p-5">
      <div>
        <label htmlFor={`${id}-version`} className="font-medium">
          Plan version
        </label>
        <select id={`${id}-version`} value={versionId} onChange={(e) => chooseVersion(e.target.value)} className={input} aria-describedby={described("planVersionId")}>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.title} · v{v.version} · {v.tasks} tasks
            </option>
          ))}
        </select>
        {err("planVersionId")}
      </div>
      <div>
        <label htmlFor={`${id}-title`} className="font-medium">
          Title
        </label>
        <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} className={input} aria-invalid={!!fields.title} aria-describedby={described("title")} />
        {err("title")}
      </div>
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-1 font-medium">Maintenance window, in the plan&apos;s time zone ({version.timezone})</legend>
        <div>
          <label htmlFor={`${id}-start`} className="text-sm">
            Starts (deployment day begins; planned times move with it)
          </label>
          <input id={`${id}-start`} type="datetime-local" value={start} onChange={(e) => changeStart(e.target.value)} className={input} aria-invalid={!!fields.scheduledStart} aria-describedby={described("scheduledStart")} />
          {err("scheduledStart")}
          {err("windowStart")}
        </div>
        <div>
          <label htmlFor={`${id}-end`} className="text-sm">
            Ends
          </label>
          <input id={`${id}-end`} type="datetime-local" value={windowEnd} onChange={(e) => setWindowEnd(e.target.value)} className={input} aria-invalid={!!fields.windowEnd} aria-describedby={described("windowEnd")} />
          {err("windowEnd")}
        </div>
        {version.movedFromPast && version.planWindowStart ? (
          <p className="text-sm text-slate-300 sm:col-span-2" data-testid="moved-from-past">
            <strong>Note:</strong> the plan was written for {formatWhen(version.planWindowStart, version.timezone)}, which has passed, so the run starts at the next 5-minute mark instead. Every task keeps its place relative to the deployment day.
          </p>
        ) : null}
        <p className="rounded border border-slate-700 bg-slate-950/60 px-3 py-2 sm:col-span-2" aria-live="polite" data-testid="window-preview">
          {previewStart && previewEnd && previewEnd > previewStart ? (
            <>
              <span className="text-slate-300">Maintenance window: </span>
              <span className="font-semibold">
                {formatWhen(previewStart, version.timezone)} – {formatWhen(previewEnd, version.timezone, sameDay(previewStart, previewEnd, version.timezone))}
              </span>{" "}
              <span className="text-slate-300">({formatDuration(Date.parse(previewEnd) - Date.parse(previewStart))}, {version.timezone})</span>
            </>
          ) : (
            <span className="text-slate-300">Give a start and an end to see the maintenance window.</span>
          )}
        </p>
      </fieldset>
      <div className="flex items-start gap-2">
        <input id={`${id}-public`} type="checkbox" checked={statusPublic} onChange={(e) => setStatusPublic(e.target.checked)} className="mt-1 h-5 w-5" />
        <label htmlFor={`${id}-public`}>Public status page (anyone with the link can follow the run, without signing in)</label>
      </div>
      <div className="flex items-start gap-2">
        <input id={`${id}-carry`} type="checkbox" checked={carry} onChange={(e) => setCarry(e.target.checked)} className="mt-1 h-5 w-5" />
        <label htmlFor={`${id}-carry`}>Tasks the plan marks “Completed” start completed</label>
      </div>
      {fields._ ? (
        <p role="alert" className="rounded bg-rose-950 px-3 py-2 text-rose-100">
          {fields._.join(" ")}
        </p>
      ) : null}
      <Button type="submit" variant="primary" disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create run"}
      </Button>
    </form>
  );
}

/** "Sat 14 Mar 2026, 14:35" in the plan's zone; `timeOnly` for an end on (about) the same day. */
function formatWhen(iso: string, timeZone: string, timeOnly = false): string {
  const options: Intl.DateTimeFormatOptions = timeOnly ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone, ...options }).format(new Date(iso));
  } catch {
    return iso;
  }
}

function sameDay(a: string, b: string, timeZone: string): boolean {
  return isoToWallTime(a, timeZone).slice(0, 10) === isoToWallTime(b, timeZone).slice(0, 10);
}
