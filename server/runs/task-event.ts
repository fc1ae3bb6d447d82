import "server-only";
// One task move, as every task action makes it: ownership → version → run state → lifecycle →
// dependencies → versioned write → audit → realtime. Nothing is written before every check passed.
import { asc, eq } from "drizzle-orm";
import { taskStates } from "@/db/schema";
import { ownsTask } from "@/lib/auth/permissions";
import { actualTimesAfter, isRunState, isTaskStatus, RUN_STATE_LABELS, transitionTask, unfinishedPredecessors, type TaskEvent } from "@/lib/runs";
import { ActionError } from "@/server/actions/errors";
import type { HandlerArgs } from "@/server/actions/pipeline";
import { activityItem, checkTaskVersion, loadRun, loadTask, publishRunChange, taskConflict, taskSnapshot, updateTaskVersioned } from "./mutations";
import { toTaskDto } from "./serialize";
import type { TTaskDto } from "@/lib/runs/dto";

/** Events that engineers fire on their own tasks; the rest are the lead's (checked by permission). */
const OWNER_EVENTS: ReadonlySet<TaskEvent> = new Set(["start", "complete", "block", "fail"]);
/** Events that need the run to be live. Skip and reopen also work while paused, to tidy up. */
const LIVE_ONLY: ReadonlySet<TaskEvent> = new Set(["start", "complete", "block", "fail"]);

const VERB: Record<TaskEvent, string> = { start: "start", complete: "complete", block: "block", fail: "fail", skip: "skip", reopen: "reopen" };

export async function applyTaskEvent(
  args: HandlerArgs<unknown>,
  input: { taskId: string; expectedVersion?: number; event: TaskEvent; reason?: string | null; action: string },
): Promise<TTaskDto> {
  const { tx, actor, audit, publish, deny } = args;
  const task = await loadTask(tx, input.taskId);
  const target = { type: "task", id: task.id, label: task.title };

  if (OWNER_EVENTS.has(input.event) && !ownsTask(actor, task.ownerRole)) {
    throw deny(`Only someone holding the "${task.ownerRole}" role (or the lead) can ${VERB[input.event]} "${task.title}".`, target, { runId: task.runId });
  }
  checkTaskVersion(task, input.expectedVersion);

  const run = await loadRun(tx, task.runId);
  const runState = isRunState(run.state) ? run.state : "draft";
  if (LIVE_ONLY.has(input.event) && runState !== "in_progress") {
    const why = runState === "paused" ? "The run is paused: tasks wait until the lead resumes it." : `The run is ${RUN_STATE_LABELS[runState].toLowerCase()}: tasks can be worked only while it is in progress.`;
    throw new ActionError("conflict", why);
  }
  if (runState === "completed" || runState === "aborted" || runState === "rolled_back") {
    throw new ActionError("conflict", `The run is ${RUN_STATE_LABELS[runState].toLowerCase()}: its tasks do not change any more.`);
  }

  const status = isTaskStatus(task.status) ? task.status : "not_started";
  const move = transitionTask(status, input.event, input.reason);
  if (!move.ok) {
    // Losing a double action to someone else reads better as a race ("completed by X just now").
    if (task.updatedByName && task.updatedByName !== actor.name && (input.event === "complete" || input.event === "start")) throw taskConflict(task, `${move.message} It was`);
    throw new ActionError("conflict", move.message, undefined, { task: toTaskDto(task) });
  }

  if ((input.event === "start" || input.event === "complete") && status === "not_started" && !task.overrideReason) {
    const siblings = await tx
      .select({ key: taskStates.key, title: taskStates.title, status: taskStates.status, dependsOn: taskStates.dependsOn })
      .from(taskStates)
      .where(eq(taskStates.runId, task.runId))
      .orderBy(asc(taskStates.phasePosition), asc(taskStates.position));
    const waiting = unfinishedPredecessors(task, siblings);
    if (waiting.length) {
      throw new ActionError(
        "conflict",
        `"${task.title}" waits for ${waiting.map((t) => `"${t.title}"`).join(", ")} to finish. The lead can override this with a reason.`,
        undefined,
        { task: toTaskDto(task), waitingFor: waiting.map((t) => t.key) },
      );
    }
  }

  const now = new Date();
  const times = actualTimesAfter(input.event, task, now);
  const changes: Partial<typeof taskStates.$inferInsert> = { status: move.to, ...times };
  if (input.event === "start" || (input.event === "complete" && !task.assigneeId)) {
    changes.assigneeId = actor.kind === "user" ? actor.id : null;
    changes.assigneeName = actor.name;
  }
  if (input.event === "block" || input.event === "skip" || input.event === "fail") changes.reason = input.reason?.trim() ?? null;
  if (input.event === "start" || input.event === "reopen" || input.event === "complete") changes.reason = null;
  if (input.event === "reopen") changes.overrideReason = null;

  const updated = await updateTaskVersioned(tx, task, actor, changes);
  await audit({ action: input.action, target, runId: run.id, before: taskSnapshot(task), after: taskSnapshot(updated), reason: input.reason ?? null });
  await publishRunChange(tx, publish, run, { task: updated, activity: activityItem(actor, input.action, task.title, input.reason ?? null), statusRelevant: true });
  return toTaskDto(updated);
}
