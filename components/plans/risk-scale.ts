// The probability × impact grid of the risk register (pure, tested under tests/plans).
export const IMPACT_LEVELS = ["Critical", "High", "Medium", "Low"] as const;
export const PROBABILITY_LEVELS = ["Low", "Medium", "High"] as const;
export type Impact = (typeof IMPACT_LEVELS)[number];
export type Probability = (typeof PROBABILITY_LEVELS)[number];
export type Severity = "Critical" | "High" | "Medium" | "Low";

/** Rows: impact, columns: probability (Low, Medium, High). */
const GRID: Record<Impact, [Severity, Severity, Severity]> = {
  Critical: ["High", "Critical", "Critical"],
  High: ["Medium", "High", "Critical"],
  Medium: ["Low", "Medium", "High"],
  Low: ["Low", "Low", "Medium"],
};

function level<T extends string>(levels: readonly T[], text: string): T | null {
  const t = text.trim().toLowerCase();
  const aliases: Record<string, string> = { med: "medium", moderate: "medium", severe: "critical", "very high": "critical" };
  const normal = aliases[t] ?? t;
  return levels.find((l) => l.toLowerCase() === normal) ?? null;
}

export function impactLevel(text: string): Impact | null {
  return level(IMPACT_LEVELS, text);
}

export function probabilityLevel(text: string): Probability | null {
  return level(PROBABILITY_LEVELS, text);
}

export function severity(impact: Impact, probability: Probability): Severity {
  return GRID[impact][PROBABILITY_LEVELS.indexOf(probability)];
}

/** Severity of a risk as written, or null when its probability or impact is off the scale. */
export function riskSeverity(risk: { probability: string; impact: string }): Severity | null {
  const i = impactLevel(risk.impact);
  const p = probabilityLevel(risk.probability);
  return i && p ? severity(i, p) : null;
}

export const SEVERITY_LOOK: Record<Severity, { symbol: string; cell: string }> = {
  Critical: { symbol: "▲▲", cell: "bg-rose-950 ring-rose-500 text-rose-50" },
  High: { symbol: "▲", cell: "bg-orange-950 ring-orange-500 text-orange-50" },
  Medium: { symbol: "◆", cell: "bg-amber-950/70 ring-amber-600 text-amber-50" },
  Low: { symbol: "▽", cell: "bg-emerald-950/70 ring-emerald-700 text-emerald-50" },
};
