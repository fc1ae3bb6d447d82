import "server-only";
// One run move, as every run-lifecycle action makes it: version → lifecycle table → extra rules
// (a run completes only when every task is finished) → versioned write → audit → realtime.
import { eq } from "drizzle-orm";
import { taskStates } from "@/db/schema";
import { isFinished, isRunState, transitionRun, type RunEvent } from "@/lib/runs";
import type { TRunDto } from "@/lib/runs/dto";
import { ActionError } from "@/server/actions/errors";
import type { HandlerArgs } from "@/server/actions/pipeline";
import { activityItem, loadRun, publishRunChange, runConflict, runDto, runSnapshot, updateRunVersioned } from "./mutations";

export async function applyRunEvent(
  args: HandlerArgs<unknown>,
  input: { runId: string; expectedVersion?: number; event: RunEvent; reason?: string | null; action: string },
): Promise<TRunDto> {
  const { tx, actor, audit, publish } = args;
  const run = await loadRun(tx, input.runId);
  if (input.expectedVersion !== undefined && input.expectedVersion !== run.version) throw await runConflict(tx, run);
  const state = isRunState(run.state) ? run.state : "draft";
  const move = transitionRun(state, input.event);
  if (!move.ok) throw new ActionError("conflict", move.message, undefined, { run: await runDto(tx, run) });

  if (input.event === "complete") {
    const tasks = await tx.select({ title: taskStates.title, status: taskStates.status }).from(taskStates).where(eq(taskStates.runId, run.id));
    const open = tasks.filter((t) => !isFinished(t.status));
    if (open.length) {
      const names = open.slice(0, 3).map((t) => `"${t.title}"`).join(", ");
      throw new ActionError("conflict", `${open.length} task${open.length === 1 ? " is" : "s are"} not finished (${names}${open.length > 3 ? ", …" : ""}). Complete or skip them first.`);
    }
  }

  const now = new Date();
  const changes: Partial<typeof run> = { state: move.to };
  if (input.event === "start") changes.startedAt = run.startedAt ?? now;
  if (move.to === "completed" || move.to === "aborted" || move.to === "rolled_back") changes.endedAt = now;
  const updated = await updateRunVersioned(tx, run, actor, changes);
  await audit({ action: input.action, target: { type: "run", id: run.id, label: run.title }, runId: run.id, before: runSnapshot(run), after: runSnapshot(updated), reason: input.reason ?? null });
  await publishRunChange(tx, publish, run, { run: updated, activity: activityItem(actor, input.action, run.title, input.reason ?? null), statusRelevant: true });
  return runDto(tx, updated);
}
