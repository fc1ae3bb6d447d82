"use client";
// A step's output as it streams: monospace, stderr marked (colour AND a "!" gutter), follows the end
// unless paused (or the reader scrolls up), and a polite live summary instead of reading every line.
import { useEffect, useRef, useState } from "react";
import clsx from "clsx";
import type { TOutputLine } from "@/lib/actions/output";

export function OutputViewer({ lines, truncated, running, label }: { lines: TOutputLine[]; truncated: boolean; running: boolean; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [paused, setPaused] = useState(false);

  useEffect(() => {
    if (!paused && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, paused]);

  const errors = lines.filter((l) => l.stream === "stderr").length;
  const last = lines.length ? lines[lines.length - 1] : null;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-300">
        <span>
          {lines.length} line{lines.length === 1 ? "" : "s"}
          {errors ? ` · ${errors} on stderr` : ""}
        </span>
        <label className="inline-flex items-center gap-2">
          <input type="checkbox" className="h-4 w-4 accent-sky-500" checked={!paused} onChange={(e) => setPaused(!e.target.checked)} />
          Follow output
        </label>
      </div>
      {truncated ? (
        <p className="rounded bg-amber-950 px-2 py-1 text-sm text-amber-100" role="note">
          ⚠ Output truncated: only the last 256 KiB are kept; earlier lines were dropped.
        </p>
      ) : null}
      <div
        ref={box}
        role="log"
        aria-label={label}
        aria-live="off"
        tabIndex={0}
        onWheel={(e) => {
          if (e.deltaY < 0) setPaused(true);
        }}
        className="max-h-96 min-h-24 overflow-auto rounded-md border border-slate-800 bg-black/60 p-2 font-mono text-[13px] leading-5 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400"
      >
        {lines.length === 0 ? <p className="text-slate-400">{running ? "Waiting for output…" : "No output."}</p> : null}
        {lines.map((line) => (
          <div key={line.seq} className={clsx("flex gap-2 whitespace-pre-wrap break-all", line.stream === "stderr" ? "text-rose-300" : line.stream === "system" ? "text-sky-300" : "text-slate-100")} data-stream={line.stream}>
            <span className="w-20 shrink-0 select-none text-slate-500" aria-hidden="true">
              {line.at ? line.at.slice(11, 19) : ""}
            </span>
            <span className="w-3 shrink-0 select-none" aria-hidden="true">
              {line.stream === "stderr" ? "!" : line.stream === "system" ? "›" : ""}
            </span>
            <span>
              {line.stream === "stderr" ? <span className="sr-only">error output: </span> : null}
              {line.text}
            </span>
          </div>
        ))}
      </div>
      <p className="sr-only" aria-live="polite">
        {running ? `Running, ${lines.length} lines so far${last ? `. Latest: ${last.text.slice(0, 120)}` : ""}` : `${lines.length} lines of output.`}
      </p>
    </div>
  );
}
