import { describe, expect, it } from "vitest";
import { TASK_EVENTS, TASK_STATUSES, actualTimesAfter, transitionTask, type TaskEvent, type TaskStatus } from "./task-machine";

const EXPECTED: Array<[TaskStatus, TaskEvent, TaskStatus]> = [
  ["not_started", "start", "in_progress"],
  ["not_started", "complete", "completed"],
  ["not_started", "block", "blocked"],
  ["not_started", "skip", "skipped"],
  ["in_progress", "complete", "completed"],
  ["in_progress", "block", "blocked"],
  ["in_progress", "fail", "failed"],
  ["in_progress", "skip", "skipped"],
  ["blocked", "start", "in_progress"],
  ["blocked", "fail", "failed"],
  ["blocked", "skip", "skipped"],
  ["blocked", "reopen", "not_started"],
  ["failed", "skip", "skipped"],
  ["failed", "reopen", "not_started"],
  ["completed", "reopen", "not_started"],
  ["skipped", "reopen", "not_started"],
];

describe("transitionTask", () => {
  for (const [from, event, to] of EXPECTED) {
    it(`${from} --${event}--> ${to}`, () => {
      expect(transitionTask(from, event, "because")).toEqual({ ok: true, from, to });
    });
  }
  const allowed = new Set(EXPECTED.map(([from, event]) => `${from}:${event}`));
  for (const from of TASK_STATUSES) {
    for (const event of TASK_EVENTS) {
      if (allowed.has(`${from}:${event}`)) continue;
      it(`refuses ${event} from ${from}`, () => {
        expect(transitionTask(from, event, "because").ok).toBe(false);
      });
    }
  }

  it("needs a reason to block, skip or fail", () => {
    for (const event of ["block", "skip"] as const) {
      const result = transitionTask("not_started", event, "  ");
      expect(!result.ok && result.message).toMatch(/reason is required/);
    }
    expect(transitionTask("in_progress", "fail", null).ok).toBe(false);
    expect(transitionTask("in_progress", "complete", null).ok).toBe(true);
  });

  it("names double actions plainly", () => {
    expect(transitionTask("completed", "complete")).toEqual({ ok: false, from: "completed", message: "The task is already completed." });
    expect(transitionTask("in_progress", "start")).toEqual({ ok: false, from: "in_progress", message: "The task is already in progress." });
    const refused = transitionTask("failed", "complete");
    expect(!refused.ok && refused.message).toBe("Cannot complete a task that is failed. From failed it can be skipped or reopened.");
  });
});

describe("actualTimesAfter", () => {
  const t0 = new Date("2025-06-15T01:00:00Z");
  const t1 = new Date("2025-06-15T01:10:00Z");
  it("start stamps the start once", () => {
    expect(actualTimesAfter("start", { actualStart: null, actualEnd: null }, t1)).toEqual({ actualStart: t1, actualEnd: null });
    expect(actualTimesAfter("start", { actualStart: t0, actualEnd: null }, t1)).toEqual({ actualStart: t0, actualEnd: null });
  });
  it("complete stamps the end, and the start when it was skipped over", () => {
    expect(actualTimesAfter("complete", { actualStart: t0, actualEnd: null }, t1)).toEqual({ actualStart: t0, actualEnd: t1 });
    expect(actualTimesAfter("complete", { actualStart: null, actualEnd: null }, t1)).toEqual({ actualStart: t1, actualEnd: t1 });
  });
  it("reopen clears both", () => {
    expect(actualTimesAfter("reopen", { actualStart: t0, actualEnd: t1 }, t1)).toEqual({ actualStart: null, actualEnd: null });
  });
});
