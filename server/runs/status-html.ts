import "server-only";
// The status page as one small HTML document: no framework runtime, so it loads on a weak phone
// connection and works without JavaScript. Live updates come from /status/live.js (socket.io client +
// a few lines), which re-fetches this page and swaps its <main> when the run changes.
import type { TPublicStatus } from "@/lib/runs/dto";
import { escapeHtml as esc, markdownToSafeHtml } from "@/lib/runs/markdown-html";

function when(iso: string | null, timeZone: string): string {
  if (!iso) return "—";
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hour12: false, timeZoneName: "short" }).format(new Date(iso));
  } catch {
    return iso;
  }
}

/** Markdown → HTML with raw HTML dropped and only safe links (see lib/runs/markdown-html.ts). */
export function renderMarkdown(markdown: string): string {
  return markdownToSafeHtml(markdown);
}

const CSS = `*{box-sizing:border-box}body{margin:0;font:17px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#0b1120;color:#e2e8f0}
main{max-width:42rem;margin:0 auto;padding:2rem 1rem}h1{font-size:1.8rem;margin:.2rem 0 1rem}h2{margin:0}.eyebrow{color:#94a3b8;text-transform:uppercase;font-size:.8rem;letter-spacing:.05em;margin:0}
.state{border-left:8px solid #64748b;background:#111827;border-radius:8px;padding:1rem}.state h2{font-size:1.5rem}
.s-maintenance_in_progress,.s-rolled_back{border-color:#fbbf24}.s-deploying{border-color:#38bdf8}.s-degraded{border-color:#fb7185}.s-completed{border-color:#34d399}
.bar{height:12px;background:#1e293b;border-radius:6px;overflow:hidden;margin-top:.25rem}.bar>span{display:block;height:100%;background:#34d399}
.row{display:flex;justify-content:space-between;font-size:.9rem;margin-top:1rem}dl{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.5rem;margin:1rem 0 0}dt{color:#94a3b8;font-size:.85rem}dd{margin:0;font-weight:600}
.muted{color:#94a3b8;font-size:.9rem}ol{list-style:none;padding:0}li.u{border:1px solid #1e293b;background:#0f172a;border-radius:6px;padding:.75rem;margin:.75rem 0}li.u ul{list-style:disc;padding-left:1.2rem}a{color:#7dd3fc}
.notice{display:flex;gap:.6rem;align-items:flex-start;border:2px solid #fbbf24;background:#422006;color:#fef3c7;border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}.notice strong{display:block;font-size:1.1rem}
.skip{position:absolute;left:-9999px}.skip:focus{left:.5rem;top:.5rem;background:#0284c7;color:#fff;padding:.5rem}`;

export function statusMain(s: TPublicStatus): string {
  const updates = s.updates.length
    ? `<ol>${s.updates.map((u) => `<li class="u"><p class="muted">${esc(when(u.createdAt, s.timezone))} · ${esc(u.authorName)}</p>${renderMarkdown(u.bodyMarkdown)}</li>`).join("")}</ol>`
    : `<p>No updates posted yet.</p>`;
  const notice = s.maintenanceNotice
    ? `<div class="notice" role="status" data-testid="maintenance-notice"><span aria-hidden="true">⚠</span><p><strong>Scheduled maintenance in progress</strong>Some features may be unavailable until the work is done.</p></div>`
    : "";
  return `<p class="eyebrow">Service status</p><h1>${esc(s.title)}</h1>${notice}
<section aria-labelledby="state" class="state s-${esc(s.state)}"><h2 id="state" data-testid="status-label"><span aria-hidden="true">${esc(s.symbol)} </span>${esc(s.label)}</h2>
<p>${esc(s.sentence)}</p>${s.phaseName ? `<p class="muted">Current stage: ${esc(s.phaseName)}</p>` : ""}
<div class="row"><span>Progress</span><span data-testid="status-percent">${s.percentDone}%</span></div>
<div class="bar" role="progressbar" aria-label="Progress" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${s.percentDone}"><span style="width:${s.percentDone}%"></span></div>
<dl><div><dt>${s.startedAt ? "Started" : "Scheduled for"}</dt><dd>${esc(when(s.startedAt ?? s.scheduledStart, s.timezone))}</dd></div>
<div><dt>${s.endedAt ? "Ended" : "Expected to end"}</dt><dd>${esc(when(s.endedAt ?? s.expectedEnd, s.timezone))}</dd></div></dl></section>
<p class="muted" id="live" aria-live="polite">Reload the page for the latest status.</p>
<section aria-labelledby="updates"><h2 id="updates">Updates</h2>${updates}</section>`;
}

export function statusDocument(s: TPublicStatus): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(s.title)} · Status</title><style>${CSS}</style></head>
<body><a class="skip" href="#main">Skip to content</a><main id="main" data-slug="${esc(s.slug)}">${statusMain(s)}</main>
<script src="/status/live.js" defer></script></body></html>`;
}
