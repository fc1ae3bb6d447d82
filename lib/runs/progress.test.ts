import { describe, expect, it } from "vitest";
import { currentFocus, formatAgo, formatCountdown, formatDuration, isStartable, orderForWork, runClock, runProgress, taskLateness, type ProgressTask } from "./progress";
import { defaultMaintenanceWindow, initialTaskStatus, runSlug, shiftTasks } from "./schedule";
import { publicState } from "./status";

const at = (h: number, m = 0) => new Date(Date.UTC(2025, 5, 15, h, m));
function task(key: string, status: string, start: Date, end: Date, extra: Partial<ProgressTask> = {}): ProgressTask {
  return { key, title: key.toUpperCase(), phaseName: "Day", phasePosition: 1, position: Number(key.replace(/\D/g, "")) || 0, ownerRole: "DBA", status, plannedStart: start, plannedEnd: end, dependsOn: [], ...extra };
}

describe("lateness", () => {
  it("flags late starts, overdue and late finishes", () => {
    expect(taskLateness(task("t1", "not_started", at(2), at(3)), at(2, 5))).toEqual({ kind: "late_start", ms: 5 * 60_000 });
    expect(taskLateness(task("t1", "in_progress", at(2), at(3)), at(3, 1))).toEqual({ kind: "overdue", ms: 60_000 });
    expect(taskLateness(task("t1", "completed", at(2), at(3), { actualEnd: at(3, 2) }), at(4))).toEqual({ kind: "finished_late", ms: 120_000 });
    expect(taskLateness(task("t1", "completed", at(2), at(3), { actualEnd: at(2, 50) }), at(4))).toBeNull();
    expect(taskLateness(task("t1", "skipped", at(2), at(3)), at(4))).toBeNull();
    expect(taskLateness(task("t1", "not_started", at(2), at(3)), at(1))).toBeNull();
  });

  it("sums progress and the worst delay", () => {
    const tasks = [task("t1", "completed", at(1), at(2)), task("t2", "skipped", at(2), at(3)), task("t3", "in_progress", at(3), at(4)), task("t4", "not_started", at(4), at(5))];
    const p = runProgress(tasks, at(4, 30));
    expect(p.percentDone).toBe(50);
    expect(p.finished).toBe(2);
    expect(p.late.map((l) => l.key)).toEqual(["t3", "t4"]);
    expect(p.behindMs).toBe(30 * 60_000);
    expect(runProgress([], at(1)).percentDone).toBe(0);
  });
});

describe("clocks", () => {
  it("measures elapsed, planned and countdown", () => {
    const c = runClock({ startedAt: at(1, 30), endedAt: null, windowStart: at(1, 30), windowEnd: at(4, 30) }, at(2));
    expect(c).toEqual({ elapsedMs: 30 * 60_000, plannedMs: 3 * 3_600_000, countdownMs: 150 * 60_000, untilStartMs: -30 * 60_000 });
    expect(runClock({ startedAt: null, endedAt: null, windowStart: null, windowEnd: null }, at(2))).toEqual({ elapsedMs: null, plannedMs: null, countdownMs: null, untilStartMs: null });
  });
  it("formats", () => {
    expect(formatDuration(65 * 60_000)).toBe("1 h 05 min");
    expect(formatDuration(-12 * 60_000)).toBe("−12 min");
    expect(formatDuration(45_000)).toBe("45 s");
    // Long spans read in days, never as thousands of hours.
    expect(formatDuration(47 * 3_600_000 + 59 * 60_000)).toBe("47 h 59 min");
    expect(formatDuration((3 * 24 + 4) * 3_600_000 + 30 * 60_000)).toBe("3 d 4 h");
    expect(formatDuration(12_750 * 3_600_000)).toBe("531 d 6 h");
    expect(formatDuration(2 * 24 * 3_600_000)).toBe("2 d");
    expect(formatAgo(3 * 24 * 3_600_000)).toBe("3 d ago");
    expect(formatAgo(12_000)).toBe("12 s ago");
    expect(formatAgo(1_000)).toBe("just now");
    expect(formatAgo(3 * 60_000)).toBe("3 min ago");
  });

  it("words a countdown past its mark as 'ended … ago', never a negative number", () => {
    expect(formatCountdown(65 * 60_000)).toEqual({ label: "Window ends in", value: "1 h 05 min", past: false });
    expect(formatCountdown(-(2 * 3_600_000 + 10 * 60_000))).toEqual({ label: "Window ended", value: "2 h 10 min ago", past: true });
    expect(formatCountdown(-12_697 * 3_600_000).value).toBe("529 d 1 h ago");
    expect(formatCountdown(-5 * 60_000, { before: "Starts in", after: "Started" }).label).toBe("Started");
  });
});

describe("focus and work order", () => {
  const tasks = [
    task("t1", "completed", at(1), at(2)),
    task("t2", "not_started", at(2), at(3), { dependsOn: ["t1"] }),
    task("t3", "not_started", at(3), at(4), { dependsOn: ["t2"] }),
    task("t4", "in_progress", at(3), at(4)),
    task("t5", "blocked", at(4), at(5)),
  ];
  it("knows what may start", () => {
    expect(isStartable(tasks[1], tasks)).toBe(true);
    expect(isStartable(tasks[2], tasks)).toBe(false);
    expect(isStartable({ ...tasks[2], overrideReason: "lead said so" }, tasks)).toBe(true);
  });
  it("puts the next actionable task first", () => {
    expect(orderForWork(tasks, tasks).map((t) => t.key)).toEqual(["t4", "t2", "t5", "t3", "t1"]);
  });
  it("finds the current phase and task", () => {
    const f = currentFocus(tasks);
    expect(f.active.map((t) => t.key)).toEqual(["t4", "t5"]);
    expect(f.next?.key).toBe("t2");
    expect(f.phaseName).toBe("Day");
  });
});

describe("schedule", () => {
  it("takes the deployment day's first start and last end as the window", () => {
    const tasks = [
      { phaseName: "Pre-Deployment Phase", phasePosition: 0, plannedStart: new Date("2025-06-07T23:00:00Z"), plannedEnd: new Date("2025-06-08T23:00:00Z") },
      { phaseName: "Deployment Day", phasePosition: 1, plannedStart: new Date("2025-06-15T00:30:00Z"), plannedEnd: new Date("2025-06-15T01:00:00Z") },
      { phaseName: "Deployment Day", phasePosition: 1, plannedStart: new Date("2025-06-15T02:00:00Z"), plannedEnd: new Date("2025-06-15T03:30:00Z") },
    ];
    expect(defaultMaintenanceWindow(tasks, "Europe/London")).toEqual({ start: new Date("2025-06-15T00:30:00Z"), end: new Date("2025-06-15T03:30:00Z") });
    const shifted = shiftTasks(tasks, 24 * 3_600_000);
    expect(shifted[1].plannedStart).toEqual(new Date("2025-06-16T00:30:00Z"));
  });
  it("makes slugs and carries plan status", () => {
    expect(runSlug("EdPsych Deployment — June!", "ab12")).toBe("edpsych-deployment-june-ab12");
    expect(initialTaskStatus("Completed", true)).toBe("completed");
    expect(initialTaskStatus("In Progress", true)).toBe("not_started");
    expect(initialTaskStatus("Completed", false)).toBe("not_started");
  });
  it("speaks plainly on the status page", () => {
    expect(publicState("scheduled", [])).toBe("scheduled");
    expect(publicState("in_progress", ["completed"])).toBe("deploying");
    expect(publicState("in_progress", ["blocked"])).toBe("degraded");
    expect(publicState("aborted", [])).toBe("cancelled");
  });
});

import { isoToWallTime, wallTimeToIso } from "./zone";
describe("zone", () => {
  it("reads and writes wall-clock times in a zone, across DST", () => {
    expect(wallTimeToIso("2025-06-15T01:30", "Europe/London")).toBe("2025-06-15T00:30:00.000Z");
    expect(wallTimeToIso("2025-01-15T01:30", "Europe/London")).toBe("2025-01-15T01:30:00.000Z");
    expect(isoToWallTime("2025-06-15T00:30:00.000Z", "Europe/London")).toBe("2025-06-15T01:30");
    expect(wallTimeToIso("nope", "UTC")).toBeNull();
  });
});
