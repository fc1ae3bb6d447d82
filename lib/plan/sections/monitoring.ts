import type { RootContent } from "mdast";
import { metricKey, parseThreshold } from "../metrics";
import type { TMonitoringRule } from "../schema";
import { firstTable, readTable } from "../tables";
import { rawLine, type ParseContext } from "./context";
import type { Roster } from "./roster";

export function parseMonitoring(nodes: RootContent[], line: number | null, ctx: ParseContext, roster: Roster): TMonitoringRule[] {
  const table = firstTable(nodes);
  if (!table) {
    ctx.log.warn(line, "the monitoring section has no table (| Metric | Tool | Threshold | Alert To | Response |)");
    return [];
  }
  const read = readTable(
    table,
    ctx.lines,
    {
      label: { header: /^(metric|metrics|signal|indicator|kpi)$/, required: true },
      tool: { header: /^(tool|tools|source|provider|system)$/, required: false },
      threshold: { header: /^(threshold|thresholds|limit|condition|alert threshold)$/, required: true },
      alertTo: { header: /^(alert to|alerts to|alert|notify|escalate to|escalation|recipients?|on call|on-call)$/, required: false },
      response: { header: /^(response|action|actions|runbook|what to do)$/, required: false },
    },
    ctx.log,
    "monitoring",
  );
  if (!read) return [];
  const rules: TMonitoringRule[] = [];
  for (const row of read.rows) {
    const metric = metricKey(row.cells.label);
    if (!metric) {
      ctx.log.error(row.line, "a monitoring row has no metric name", rawLine(ctx, row.line));
      continue;
    }
    const threshold = parseThreshold(row.cells.threshold);
    if (!threshold) {
      ctx.log.warn(row.line, `monitoring "${row.cells.label}": threshold "${row.cells.threshold}" is not of the form "> 80%"; it cannot be evaluated automatically`, row.cells.threshold);
    }
    const alertTo = row.cells.alertTo
      .split(/\s*,\s*/)
      .filter(Boolean)
      .map((name) => {
        const r = roster.recipient(name);
        if (!r.known) ctx.log.warn(row.line, `monitoring "${row.cells.label}": alert recipient "${name}" is not a roster role; kept as written`, name);
        return r.name;
      });
    rules.push({
      metric,
      label: row.cells.label,
      tool: row.cells.tool,
      threshold: row.cells.threshold,
      operator: threshold?.operator ?? null,
      thresholdValue: threshold?.value ?? null,
      unit: threshold?.unit ?? null,
      alertTo,
      response: row.cells.response,
      extra: row.extra,
    });
  }
  return rules;
}
