import Link from "next/link";
import { AuditFilterForm } from "@/components/audit/audit-filter-form";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyChainButton } from "@/components/audit/verify-chain-button";
import { Card, EmptyState } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { auditSearchParams, parseAuditQuery, pickFilters } from "@/lib/audit/filters";
import { allActions } from "@/server/actions/registry";
import { countAuditEvents, listAuditEvents } from "@/server/audit/queries";
import { requirePagePermission } from "@/server/auth/session";

export const metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const button =
  "inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-600 bg-slate-800 text-slate-100 hover:bg-slate-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400";

/** datetime-local wants "YYYY-MM-DDTHH:MM:SS" (no zone); the form's times are UTC. */
const forInput = (iso?: string) => (iso ? iso.slice(0, 19) : undefined);

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const here = `/audit${Object.keys(params).length ? `?${auditSearchParams(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])))}` : ""}`;
  const actor = await requirePagePermission("audit.read", here);
  const parsed = parseAuditQuery(params);
  const actionNames = Object.keys(allActions).sort();
  const mayExport = can(actor, "audit.export");
  const mayVerify = can(actor, "audit.verify");

  if (!parsed.ok) {
    return (
      <div className="space-y-6">
        <h1 className="text-3xl font-bold tracking-tight">Audit log</h1>
        <Card title="Filters" id="filters">
          <p className="mb-4 text-rose-300" role="alert">
            <span aria-hidden="true">✕ </span>Some filters are not valid; fix them and apply again.
          </p>
          <AuditFilterForm values={parsed.raw} errors={parsed.fields} actionNames={actionNames} />
        </Card>
      </div>
    );
  }

  const { filters, page } = parsed;
  const [result, matching] = await Promise.all([listAuditEvents(filters, page), countAuditEvents(filters)]);
  const kept = { ...pickFilters(filters), limit: page.limit === 50 ? undefined : page.limit };
  const formValues = { ...pickFilters(filters), from: forInput(filters.from), to: forInput(filters.to), limit: String(page.limit) };
  const exportQuery = auditSearchParams(pickFilters(filters));
  const filtered = Object.keys(pickFilters(filters)).length > 0;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">Audit log</h1>
          <p className="mt-1 text-slate-300">
            Every change and every refused attempt, hash-chained: who, what, when, from where and why.{" "}
            <span className="font-medium text-slate-100" data-testid="audit-count">
              {matching.count.toLocaleString("en")}
              {matching.capped ? "+" : ""} {filtered ? "matching " : ""}event{matching.count === 1 ? "" : "s"}.
            </span>
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {mayExport ? (
            <>
              <a className={button} href={`/api/v1/audit/export?${auditSearchParams({ format: "csv" })}${exportQuery ? `&${exportQuery}` : ""}`} download>
                <span aria-hidden="true">⤓</span> Export CSV
              </a>
              <a className={button} href={`/api/v1/audit/export?${auditSearchParams({ format: "json" })}${exportQuery ? `&${exportQuery}` : ""}`} download>
                <span aria-hidden="true">⤓</span> Export JSON
              </a>
            </>
          ) : (
            <p className="text-sm text-slate-300">Exports need the auditor role.</p>
          )}
        </div>
      </div>

      {mayVerify ? (
        <Card title="Chain integrity" id="integrity">
          <VerifyChainButton />
        </Card>
      ) : null}

      <Card title="Filters" id="filters">
        <AuditFilterForm values={formValues} actionNames={actionNames} />
      </Card>

      <section aria-labelledby="events-title" className="space-y-3">
        <h2 id="events-title" className="text-lg font-semibold">
          Events{result.events.length ? ` ${Math.max(...result.events.map((e) => e.seq))}–${Math.min(...result.events.map((e) => e.seq))}` : ""}
        </h2>
        {result.events.length === 0 ? (
          <EmptyState title={filtered || page.before || page.after || page.cursor ? "No events match these filters on this page." : "The log is empty."}>
            {filtered ? (
              <Link href="/audit" className="text-sky-300 underline">
                Clear the filters
              </Link>
            ) : null}
          </EmptyState>
        ) : (
          <AuditTable events={result.events} />
        )}
        <nav aria-label="Audit log pages" className="flex items-center justify-between gap-3">
          {result.hasNewer && result.newerCursor !== null ? (
            <Link className={button} href={`/audit?${auditSearchParams(kept, { after: result.newerCursor })}`} rel="prev">
              <span aria-hidden="true">←</span> Newer
            </Link>
          ) : (
            <span className="text-sm text-slate-400">Newest events</span>
          )}
          {result.hasOlder && result.olderCursor !== null ? (
            <Link className={button} href={`/audit?${auditSearchParams(kept, { before: result.olderCursor })}`} rel="next">
              Older <span aria-hidden="true">→</span>
            </Link>
          ) : (
            <span className="text-sm text-slate-400">Oldest events</span>
          )}
        </nav>
      </section>
    </div>
  );
}
