import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { AuditEventView } from "@/lib/audit/event-view";
import { diffAuditValues, displayValue, relativeTime } from "@/lib/audit/diff";

const link = "underline decoration-slate-500 underline-offset-2 hover:text-sky-200 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400";

function When({ iso, now }: { iso: string; now: Date }) {
  const [date, rest] = iso.split("T");
  return (
    <>
      <time dateTime={iso} className="block whitespace-nowrap font-mono text-slate-100">
        {date} {rest.replace("Z", "")} UTC
      </time>
      <span className="text-xs text-slate-400">{relativeTime(iso, now)}</span>
    </>
  );
}

function Change({ event }: { event: AuditEventView }) {
  const changes = diffAuditValues(event.before, event.after);
  if (!changes.length) return <span className="text-slate-400">—</span>;
  return (
    <details className="group max-w-md">
      <summary className="cursor-pointer rounded text-sky-300 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400">
        {changes.length} field{changes.length === 1 ? "" : "s"} changed
      </summary>
      <table className="mt-2 w-full text-xs">
        <caption className="sr-only">Before and after, event {event.seq}</caption>
        <thead>
          <tr className="text-slate-300">
            <th scope="col" className="pr-2 text-left font-semibold">Field</th>
            <th scope="col" className="pr-2 text-left font-semibold">Before</th>
            <th scope="col" className="text-left font-semibold">After</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.path} className="align-top">
              <th scope="row" className="pr-2 text-left font-mono font-normal text-slate-200">{c.path}</th>
              <td className="break-all pr-2 font-mono text-rose-200">
                {c.kind === "added" ? <span className="sr-only">(none)</span> : null}
                {c.kind !== "added" ? <span><span aria-hidden="true">− </span>{displayValue(c.before)}</span> : <span aria-hidden="true">—</span>}
              </td>
              <td className="break-all font-mono text-emerald-200">
                {c.kind !== "removed" ? <span><span aria-hidden="true">+ </span>{displayValue(c.after)}</span> : <span>(removed)</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The log as the auditor reads it: who, what, when, where from, why, what changed, and the hash. */
export function AuditTable({ events, now = new Date() }: { events: AuditEventView[]; now?: Date }) {
  return (
    <div role="region" aria-label="Audit events" tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-400">
      <table className="w-full border-collapse text-left text-sm" data-testid="audit-table">
        <caption className="sr-only">Audit events, newest first: who did what, when, from where and why</caption>
        <thead className="bg-slate-900">
          <tr className="border-b border-slate-700 text-slate-200">
            {["Seq", "When", "Who", "What", "Target", "Where from", "Why", "Change", "Hash"].map((h) => (
              <th key={h} scope="col" className="px-3 py-2 font-semibold">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-800">
          {events.map((e) => (
            <tr key={e.seq} data-seq={e.seq} className="align-top">
              <td className="px-3 py-2 font-mono text-slate-300">{e.seq}</td>
              <td className="px-3 py-2">
                <When iso={e.occurredAt} now={now} />
              </td>
              <td className="px-3 py-2">
                <Link className={`${link} font-medium text-slate-100`} href={`/audit?actor=${encodeURIComponent(e.actor.id ?? e.actor.name)}`}>
                  {e.actor.name}
                </Link>
                <span className="block text-xs text-slate-300">
                  {e.actor.role}
                  {e.actor.teamRoles.length ? ` · ${e.actor.teamRoles.join(", ")}` : ""}
                </span>
              </td>
              <td className="px-3 py-2">
                <span className="block font-mono text-slate-100">{e.action}</span>
                {e.outcome === "ok" ? (
                  <Badge tone="success" symbol="✓">ok</Badge>
                ) : (
                  <Badge tone="danger" symbol="✕">denied</Badge>
                )}
              </td>
              <td className="px-3 py-2">
                {e.target ? (
                  <>
                    <span className="block text-slate-100">{e.target.label ?? e.target.id}</span>
                    <span className="block font-mono text-xs text-slate-300">
                      {e.target.type}
                      {e.target.id ? `:${e.target.id}` : ""}
                    </span>
                  </>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
                {e.runId ? (
                  <Link className={`${link} block text-xs text-slate-300`} href={`/audit?runId=${e.runId}`}>
                    run {e.runId.slice(0, 8)}
                  </Link>
                ) : null}
              </td>
              <td className="px-3 py-2 text-xs">
                <span className="block font-mono text-slate-200">{e.ip ?? "—"}</span>
                <span className="block max-w-56 break-words text-slate-300">{e.userAgent ?? (e.actor.role === "system" ? "system job" : "—")}</span>
                {e.requestId ? <span className="block font-mono text-slate-400">req {e.requestId.slice(0, 8)}</span> : null}
              </td>
              <td className="max-w-xs whitespace-pre-wrap break-words px-3 py-2 text-slate-100" data-testid="audit-reason">
                {e.reason ?? <span className="text-slate-400">—</span>}
              </td>
              <td className="px-3 py-2">
                <Change event={e} />
              </td>
              <td className="px-3 py-2">
                <code className="font-mono text-xs text-slate-300" title={e.hash} data-hash={e.hash}>
                  {e.hash.slice(0, 10)}…
                </code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
