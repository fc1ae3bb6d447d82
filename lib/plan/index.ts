/** Public API of the pure plan module: parse Markdown plans, export them back, summarise them. */
export * from "./schema";
export { parsePlan, type ParsePlanOptions, type ParsePlanResult } from "./parse";
export { exportPlan } from "./export";
export { summarizePlan, formatSummary, rolesForOwner, type PlanSummary } from "./summary";
export { formatProblem } from "./problems";
export { DEFAULT_TIMEZONE } from "./dates";
export { DEFAULT_MAX_BYTES } from "./source";
export { metricKey, parseMeasurable, parseThreshold } from "./metrics";
