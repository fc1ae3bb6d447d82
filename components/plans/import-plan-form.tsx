"use client";
// Upload form for a Markdown plan. It posts the file to the same REST endpoint API clients use, shows the
// server's problem list (with line numbers) when the plan is refused, and opens the plan when it is in.
import { useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import clsx from "clsx";
import type { PlanProblem } from "@/lib/plan/schema";
import { Button } from "@/components/ui/button";
import { ProblemList } from "./problem-list";

const MAX_BYTES = 1024 * 1024;

type ImportOk = { planId: string; version: number; title: string; created: boolean };
class ImportFailed extends Error {
  constructor(
    message: string,
    readonly problems: PlanProblem[] | null,
  ) {
    super(message);
  }
}

async function upload({ file, timezone }: { file: File; timezone: string }): Promise<ImportOk> {
  const form = new FormData();
  form.set("file", file, file.name);
  if (timezone.trim()) form.set("timezone", timezone.trim());
  let response: Response;
  try {
    response = await fetch("/api/v1/plans", { method: "POST", body: form, credentials: "same-origin" });
  } catch {
    throw new ImportFailed("The server could not be reached. Check the connection and try again.", null);
  }
  const body = await response.json().catch(() => null);
  if (response.ok && body?.data) return body.data as ImportOk;
  const error = body?.error;
  if (response.status === 413) throw new ImportFailed("The file is larger than 1 MiB, the limit for a plan.", null);
  throw new ImportFailed(error?.message ?? `The import failed (HTTP ${response.status}).`, error?.details?.problems ?? null);
}

export function ImportPlanForm() {
  const router = useRouter();
  const ids = { file: useId(), zone: useId(), help: useId() };
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [timezone, setTimezone] = useState("");
  const [dragging, setDragging] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: upload,
    onSuccess: (data) => router.push(`/plans/${data.planId}?version=${data.version}`),
  });

  function choose(next: File | null) {
    mutation.reset();
    setLocalError(null);
    if (next && next.size > MAX_BYTES) {
      setLocalError(`"${next.name}" is ${(next.size / 1024 / 1024).toFixed(1)} MiB; a plan may be at most 1 MiB.`);
      setFile(null);
      return;
    }
    setFile(next);
  }

  const failure = mutation.error instanceof ImportFailed ? mutation.error : mutation.error ? new ImportFailed(String(mutation.error), null) : null;

  return (
    <form
      aria-labelledby="import-plan-title"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        if (!file) {
          setLocalError("Choose a Markdown plan file first.");
          inputRef.current?.focus();
          return;
        }
        mutation.mutate({ file, timezone });
      }}
    >
      <h2 id="import-plan-title" className="text-lg font-semibold text-white">
        Import plan
      </h2>
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          choose(e.dataTransfer.files?.[0] ?? null);
        }}
        className={clsx(
          "rounded-lg border-2 border-dashed p-6 text-center transition-colors",
          dragging ? "border-sky-400 bg-sky-950/40" : "border-slate-600 bg-slate-900/50",
        )}
        data-testid="plan-drop-zone"
      >
        <p className="text-slate-200">Drop a Markdown plan (.md) here, or</p>
        <label htmlFor={ids.file} className="mt-2 inline-block cursor-pointer font-medium text-sky-300 underline underline-offset-2">
          choose a file
        </label>
        <input
          ref={inputRef}
          id={ids.file}
          name="file"
          type="file"
          accept=".md,.markdown,text/markdown,text/plain"
          aria-describedby={ids.help}
          className="mx-auto mt-2 block text-sm text-slate-200 file:mr-3 file:rounded file:border-0 file:bg-slate-700 file:px-3 file:py-1.5 file:text-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400"
          onChange={(e) => choose(e.target.files?.[0] ?? null)}
        />
        <p id={ids.help} className="mt-2 text-sm text-slate-300">
          {file ? (
            <>
              Selected: <strong className="text-white">{file.name}</strong> ({Math.ceil(file.size / 1024)} KiB)
            </>
          ) : (
            "Up to 1 MiB. Importing a plan whose title already exists adds a new version."
          )}
        </p>
      </div>
      <div className="flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor={ids.zone} className="block text-sm font-medium text-slate-200">
            Time zone <span className="font-normal text-slate-300">(optional; used when the plan states none)</span>
          </label>
          <input
            id={ids.zone}
            name="timezone"
            value={timezone}
            onChange={(e) => setTimezone(e.target.value)}
            placeholder="Europe/London"
            autoComplete="off"
            className="mt-1 w-64 rounded-md border border-slate-600 bg-slate-950 px-3 py-1.5 text-slate-100 placeholder:text-slate-400 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400"
          />
        </div>
        <Button type="submit" variant="primary" disabled={mutation.isPending}>
          {mutation.isPending ? "Importing…" : "Import plan"}
        </Button>
      </div>
      <div aria-live="polite">
        {localError ? (
          <p role="alert" className="text-rose-200">
            {localError}
          </p>
        ) : null}
        {failure ? (
          failure.problems?.length ? (
            <ProblemList problems={failure.problems} fileName={file?.name} title={`${failure.message} Nothing was imported.`} />
          ) : (
            <p role="alert" className="rounded-md border border-rose-700 bg-rose-950/50 p-3 text-rose-100">
              {failure.message}
            </p>
          )
        ) : null}
        {mutation.isSuccess ? <p className="text-emerald-200">Imported. Opening the plan…</p> : null}
      </div>
    </form>
  );
}
