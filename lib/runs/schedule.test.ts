import { describe, expect, it } from "vitest";
import { defaultScheduledStart, nextStartSlot, shiftTasks } from "./schedule";
import { formatTaskWindow, isWholeDaySpan } from "./zone";

const Z = "Europe/London";

describe("default scheduled start", () => {
  it("keeps the plan's own date while it is ahead", () => {
    const plan = new Date("2031-06-15T00:30:00Z");
    expect(defaultScheduledStart(plan, new Date("2030-01-01T12:00:00Z"))).toEqual({ start: plan, movedFromPast: false });
  });
  it("moves a past plan to the next 5-minute mark", () => {
    const plan = new Date("2025-06-15T00:30:00Z");
    expect(defaultScheduledStart(plan, new Date("2026-03-14T14:32:10Z"))).toEqual({ start: new Date("2026-03-14T14:35:00Z"), movedFromPast: true });
    expect(nextStartSlot(new Date("2026-03-14T14:35:00Z"))).toEqual(new Date("2026-03-14T14:40:00Z"));
  });
});

describe("shifting a plan's tasks", () => {
  const timed = { plannedStart: new Date("2025-06-15T00:30:00Z"), plannedEnd: new Date("2025-06-15T00:45:00Z") };
  // 14/06 (one day, date only) and 08/06–09/06 (two days), midnight BST = 23:00 UTC the evening before.
  const oneDay = { plannedStart: new Date("2025-06-13T23:00:00Z"), plannedEnd: new Date("2025-06-14T23:00:00Z"), allDay: true };
  const twoDays = { plannedStart: new Date("2025-06-07T23:00:00Z"), plannedEnd: new Date("2025-06-09T23:00:00Z") };
  const anchor = timed.plannedStart;

  it("moves timed tasks by the offset and date-only tasks by the same number of calendar days", () => {
    const offset = new Date("2026-03-14T14:35:00Z").getTime() - anchor.getTime();
    const [t, d1, d2] = shiftTasks([timed, oneDay, twoDays], offset, { timezone: Z, anchor });
    expect(t.plannedStart.toISOString()).toBe("2026-03-14T14:35:00.000Z");
    expect(t.plannedEnd.toISOString()).toBe("2026-03-14T14:50:00.000Z");
    // The day before the deployment day, still a whole day (GMT in March: midnight is 00:00Z).
    expect(d1.plannedStart.toISOString()).toBe("2026-03-13T00:00:00.000Z");
    expect(d1.plannedEnd.toISOString()).toBe("2026-03-14T00:00:00.000Z");
    expect(formatTaskWindow(d2.plannedStart.toISOString(), d2.plannedEnd.toISOString(), Z)).toBe("7 Mar – 8 Mar");
  });

  it("counts calendar days from the anchor, so a start moved past midnight takes the days with it", () => {
    const late = { plannedStart: new Date("2025-06-15T22:00:00Z"), plannedEnd: new Date("2025-06-15T22:30:00Z") }; // 23:00 BST
    const offset = new Date("2025-06-20T23:05:00Z").getTime() - late.plannedStart.getTime(); // → 00:05 BST on the 21st
    const [, d1] = shiftTasks([late, oneDay], offset, { timezone: Z, anchor: late.plannedStart });
    expect(formatTaskWindow(d1.plannedStart.toISOString(), d1.plannedEnd.toISOString(), Z)).toBe("20 Jun");
  });
});

describe("task windows in words", () => {
  it("shows dates for date-only tasks, times for timed ones", () => {
    expect(isWholeDaySpan("2025-06-07T23:00:00Z", "2025-06-09T23:00:00Z", Z)).toBe(true);
    expect(formatTaskWindow("2025-06-07T23:00:00Z", "2025-06-09T23:00:00Z", Z)).toBe("8 Jun – 9 Jun");
    expect(formatTaskWindow("2025-06-13T23:00:00Z", "2025-06-14T23:00:00Z", Z)).toBe("14 Jun");
    expect(formatTaskWindow("2025-06-15T01:00:00Z", "2025-06-15T01:10:00Z", Z)).toBe("02:00–02:10");
    expect(formatTaskWindow("2025-06-14T21:00:00Z", "2025-06-15T05:00:00Z", Z)).toBe("14 Jun 22:00 – 15 Jun 06:00");
  });
});
