import type { RootContent } from "mdast";
import type { TRisk } from "../schema";
import { firstTable, readTable } from "../tables";
import { rawLine, type ParseContext } from "./context";
import type { Roster } from "./roster";

export function parseRisks(nodes: RootContent[], line: number | null, ctx: ParseContext, roster: Roster): TRisk[] {
  const table = firstTable(nodes);
  if (!table) {
    ctx.log.warn(line, "the risk section has no table (| Risk | Probability | Impact | Mitigation | Owner |)");
    return [];
  }
  const read = readTable(
    table,
    ctx.lines,
    {
      risk: { header: /^(risk|risks|risk description|description|threat)$/, required: true },
      probability: { header: /^(probability|likelihood|chance)$/, required: false },
      impact: { header: /^(impact|severity|consequence)$/, required: false },
      mitigation: { header: /^(mitigation|mitigation strategy|mitigations|response|plan|countermeasure)$/, required: false },
      owner: { header: /^(owner|owners|responsible|risk owner)$/, required: true },
    },
    ctx.log,
    "risk",
  );
  if (!read) return [];
  const risks: TRisk[] = [];
  for (const row of read.rows) {
    if (!row.cells.risk) {
      ctx.log.error(row.line, "a risk row has no risk text", rawLine(ctx, row.line));
      continue;
    }
    const owner = roster.owner(row.cells.owner);
    if (!owner) {
      ctx.log.error(row.line, roster.unknownOwnerMessage(`risk owner`, row.cells.owner), row.cells.owner);
      continue;
    }
    const { risk, probability, impact, mitigation } = row.cells;
    risks.push({ risk, probability, impact, mitigation, owner, extra: row.extra });
  }
  return risks;
}
