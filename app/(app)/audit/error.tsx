"use client";

export default function AuditError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold tracking-tight">Audit log</h1>
      <p role="alert" className="text-rose-300">
        <span aria-hidden="true">✕ </span>The log could not be loaded. The error was logged on the server.
      </p>
      <button type="button" onClick={reset} className="rounded-md bg-slate-800 px-3 py-1.5 ring-1 ring-slate-600 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400">
        Try again
      </button>
    </div>
  );
}
