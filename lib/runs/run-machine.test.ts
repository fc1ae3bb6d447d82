import { describe, expect, it } from "vitest";
import { RUN_EVENTS, RUN_STATES, allowedRunEvents, transitionRun, type RunEvent, type RunState } from "./run-machine";

// The expected table, written out independently of the implementation: every pair not listed is refused.
const EXPECTED: Array<[RunState, RunEvent, RunState]> = [
  ["draft", "schedule", "scheduled"],
  ["draft", "abort", "aborted"],
  ["scheduled", "start", "in_progress"],
  ["scheduled", "abort", "aborted"],
  ["in_progress", "pause", "paused"],
  ["in_progress", "complete", "completed"],
  ["in_progress", "rollback", "rolling_back"],
  ["in_progress", "abort", "aborted"],
  ["paused", "resume", "in_progress"],
  ["paused", "rollback", "rolling_back"],
  ["paused", "abort", "aborted"],
  ["rolling_back", "finish_rollback", "rolled_back"],
  ["rolling_back", "abort", "aborted"],
];

describe("transitionRun", () => {
  for (const [from, event, to] of EXPECTED) {
    it(`${from} --${event}--> ${to}`, () => {
      expect(transitionRun(from, event)).toEqual({ ok: true, from, to });
    });
  }

  const allowed = new Set(EXPECTED.map(([from, event]) => `${from}:${event}`));
  for (const from of RUN_STATES) {
    for (const event of RUN_EVENTS) {
      if (allowed.has(`${from}:${event}`)) continue;
      it(`refuses ${event} from ${from}`, () => {
        const result = transitionRun(from, event);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.message).toMatch(/^Cannot /);
      });
    }
  }

  it("says what is possible instead", () => {
    const result = transitionRun("paused", "complete");
    expect(result).toEqual({ ok: false, from: "paused", message: "Cannot complete the run while it is paused. From paused you can resume, roll back or abort." });
  });

  it("says a finished run does not change", () => {
    const result = transitionRun("completed", "pause");
    expect(!result.ok && result.message).toBe("Cannot pause the run: it is completed, and a completed run does not change any more.");
  });

  it("terminal states allow nothing", () => {
    expect(allowedRunEvents("completed")).toEqual([]);
    expect(allowedRunEvents("rolled_back")).toEqual([]);
    expect(allowedRunEvents("aborted")).toEqual([]);
  });
});
