import type { RootContent } from "mdast";
import { TEAM_OWNER, type TRole } from "../schema";
import { firstTable, readTable } from "../tables";
import type { ParseContext } from "./context";

export function parseRoster(nodes: RootContent[], line: number | null, ctx: ParseContext): TRole[] {
  const table = firstTable(nodes);
  if (!table) {
    ctx.log.error(line, "the Deployment Team section has no table of roles (| Role | Responsibility | Contact |)");
    return [];
  }
  const read = readTable(
    table,
    ctx.lines,
    {
      name: { header: /^(role|name|member|team member|person)s?$/, required: true },
      responsibility: { header: /^(responsibilit(y|ies)|duties|duty|description|focus)$/, required: false },
      contact: { header: /^(contact|e-?mail|phone|reach|contact details)$/, required: false },
    },
    ctx.log,
    "Deployment Team",
  );
  if (!read) return [];
  const roles: TRole[] = [];
  const seen = new Set<string>();
  for (const row of read.rows) {
    const name = row.cells.name;
    if (!name) {
      ctx.log.error(row.line, "a Deployment Team row has no role name", ctx.lines[(row.line ?? 1) - 1]?.trim());
      continue;
    }
    if (seen.has(name.toLowerCase())) {
      ctx.log.error(row.line, `role "${name}" appears twice in the Deployment Team`, name);
      continue;
    }
    seen.add(name.toLowerCase());
    roles.push({ name, responsibility: row.cells.responsibility, contact: row.cells.contact, extra: row.extra });
  }
  if (read.rows.length === 0) ctx.log.error(line, "the Deployment Team table lists no roles");
  return roles;
}

// Short forms people write in "Alert To" cells; expanded only when exactly one roster role matches.
const ACRONYMS: Record<string, RegExp> = {
  dba: /\bdatabase\b.*\badmin/i,
  qa: /^qa\b|\bquality\b/i,
  sre: /\bsite reliability\b|^sre\b/i,
  secops: /\bsecurity\b/i,
  sec: /\bsecurity\b/i,
  ops: /\bops\b|\boperations\b/i,
  pm: /\bproject manager\b|\bproduct manager\b/i,
};

export class Roster {
  private readonly byLower: Map<string, string>;

  constructor(readonly roles: TRole[]) {
    this.byLower = new Map(roles.map((r) => [r.name.toLowerCase(), r.name]));
  }

  get names(): string[] {
    return this.roles.map((r) => r.name);
  }

  /** Exact owner (case-insensitive) or the collective team; null when unknown. Owners are never guessed. */
  owner(name: string): string | null {
    if (name.toLowerCase() === TEAM_OWNER.toLowerCase()) return TEAM_OWNER;
    return this.byLower.get(name.toLowerCase()) ?? null;
  }

  /**
   * An alert recipient: roster name, or an unambiguous alias ("DevOps" → "DevOps Engineer",
   * "DBA" → "Database Administrator"); anything else is kept as written ("Developers").
   */
  recipient(name: string): { name: string; known: boolean } {
    const exact = this.owner(name);
    if (exact) return { name: exact, known: true };
    const lower = name.toLowerCase();
    const acronym = ACRONYMS[lower];
    const candidates = this.roles.filter(
      (r) => r.name.toLowerCase().startsWith(`${lower} `) || (acronym !== undefined && acronym.test(r.name)),
    );
    return candidates.length === 1 ? { name: candidates[0].name, known: true } : { name, known: false };
  }

  unknownOwnerMessage(kind: string, name: string): string {
    return `${kind} "${name}" is not in the Deployment Team roster (known: ${[...this.names, TEAM_OWNER].join(", ")})`;
  }
}
