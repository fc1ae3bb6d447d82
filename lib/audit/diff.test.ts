import { describe, expect, it } from "vitest";
import { diffAuditValues, displayValue, relativeTime } from "./diff";
import { formatVerdict } from "./verdict";
import { actionMatcher, escapeLike, parseAuditQuery } from "./filters";
import { auditCsvRecord, neutralizeSpreadsheetFormula } from "./event-view";

describe("diffAuditValues", () => {
  it("lists changed, added and removed fields by path, leaving unchanged ones out", () => {
    const changes = diffAuditValues({ status: "in_progress", version: 3, meta: { by: "Dana", tags: ["a"] } }, { status: "completed", version: 4, meta: { by: "Dana", tags: ["a", "b"] }, reason: "done" });
    expect(changes).toEqual([
      { path: "meta.tags", before: ["a"], after: ["a", "b"], kind: "changed" },
      { path: "reason", before: undefined, after: "done", kind: "added" },
      { path: "status", before: "in_progress", after: "completed", kind: "changed" },
      { path: "version", before: 3, after: 4, kind: "changed" },
    ]);
  });

  it("handles a creation (no before), a removal (no after) and scalars", () => {
    expect(diffAuditValues(null, { id: "u1" })).toEqual([{ path: "id", before: undefined, after: "u1", kind: "added" }]);
    expect(diffAuditValues({ id: "u1" }, null)).toEqual([{ path: "id", before: "u1", after: undefined, kind: "removed" }]);
    expect(diffAuditValues(null, null)).toEqual([]);
    expect(diffAuditValues(1, 2)).toEqual([{ path: "(value)", before: 1, after: 2, kind: "changed" }]);
  });

  it("displays values for a cell", () => {
    expect(displayValue(undefined)).toBe("—");
    expect(displayValue(null)).toBe("null");
    expect(displayValue("x")).toBe("x");
    expect(displayValue({ a: 1 })).toBe('{"a":1}');
  });
});

describe("relativeTime", () => {
  const now = new Date("2026-05-01T12:00:00Z");
  it.each([
    ["2026-05-01T11:59:50Z", "just now"],
    ["2026-05-01T11:57:00Z", "3 min ago"],
    ["2026-05-01T09:00:00Z", "3 h ago"],
    ["2026-04-30T12:00:00Z", "1 day ago"],
    ["2026-04-20T12:00:00Z", "11 days ago"],
    ["2026-01-01T12:00:00Z", "4 months ago"],
    ["2026-05-01T14:00:00Z", "in 2 h"],
  ])("%s → %s", (iso, text) => expect(relativeTime(iso, now)).toBe(text));
});

describe("verdict, filters and CSV cells", () => {
  it("words the verdict as the CLI prints it", () => {
    expect(formatVerdict({ intact: true, count: 12 })).toBe("12 events, chain intact");
    expect(formatVerdict({ intact: false, count: 7, firstBreak: { seq: 4, reason: "edited" } })).toBe("chain broken at seq 4 (edited) after 3 events");
  });

  it("reads action prefixes and escapes LIKE wildcards", () => {
    expect(actionMatcher("tasks.")).toEqual({ kind: "prefix", value: "tasks." });
    expect(actionMatcher("tasks*")).toEqual({ kind: "prefix", value: "tasks" });
    expect(actionMatcher("tasks.start")).toEqual({ kind: "exact", value: "tasks.start" });
    expect(escapeLike("100%_a\\b")).toBe("100\\%\\_a\\\\b");
  });

  it("takes the first value of repeated params and ignores empty ones", () => {
    expect(parseAuditQuery(new URLSearchParams("actor=a&actor=b&action=&limit=10"))).toMatchObject({ ok: true, filters: { actor: "a" }, page: { limit: 10 } });
  });

  it("neutralizes formula-looking cells only", () => {
    expect(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "plain", "1-2"].map(neutralizeSpreadsheetFormula)).toEqual(["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "plain", "1-2"]);
  });

  it("flattens an event into the CSV columns", () => {
    const row = auditCsvRecord({
      seq: 9, id: "e", occurredAt: "2026-05-01T12:00:00.000Z", actor: { id: null, name: "Canary controller", role: "system", teamRoles: [] }, action: "runs.rollback", outcome: "ok",
      target: { type: "run", id: "r1", label: "June release" }, runId: "r1", planId: null, before: { state: "in_progress" }, after: { state: "rolling_back" }, reason: "error rate > 1%",
      ip: null, userAgent: null, requestId: "q", prevHash: "p", hash: "h",
    });
    expect(row).toEqual(["9", "2026-05-01T12:00:00.000Z", "Canary controller", "system", "", "runs.rollback", "ok", "run:r1 (June release)", "r1", "error rate > 1%", "", "", "q", '{"state":"in_progress"}', '{"state":"rolling_back"}', "h"]);
  });
});
