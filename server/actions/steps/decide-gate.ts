import "server-only";
import { formatOutputLine } from "@/lib/actions/output";
import { readTaskAction } from "@/lib/actions/schema";
import { ActionError } from "@/server/actions/errors";
import { defineAction } from "@/server/actions/pipeline";
import { applyTaskEvent } from "@/server/runs/task-event";
import { executionTarget, publishExecution, readSpec, toExecutionDto } from "@/server/engine/executions";
import { insertExecution, lockTask, refuseWhileLive } from "./shared";
import { ZDecideGate } from "./schemas";

/**
 * A go/no-go decision by the gate's named role, with a mandatory note. Go completes the task; no-go
 * fails it with the note as the reason. Recorded as an execution (who, when, what) and audited.
 */
export const decideGateAction = defineAction({
  name: "tasks.decide",
  permission: "tasks.decide",
  rest: { method: "POST", path: "/api/v1/executions/decisions" },
  summary: "Decide a go/no-go gate (holder of the gate's role, or an admin) with a mandatory note.",
  input: ZDecideGate,
  handler: async (args) => {
    const { input, actor, tx, audit, publish, deny } = args;
    const task = await lockTask(tx, input.taskId);
    const action = readTaskAction(task.action);
    if (action?.kind !== "gate") throw new ActionError("conflict", `"${task.title}" is not a go/no-go gate.`);
    const holds = actor.teamRoles.some((r) => r.toLowerCase() === action.role.toLowerCase());
    if (!holds && actor.productRole !== "admin" && actor.productRole !== "system") {
      throw deny(`Only the ${action.role} decides "${task.title}".`, { type: "task", id: task.id, label: task.title }, { runId: task.runId });
    }
    await refuseWhileLive(tx, task);
    if (task.status === "completed" || task.status === "failed" || task.status === "skipped") throw new ActionError("conflict", `"${task.title}" was already decided (${task.status}).`);
    const go = input.decision === "go";
    const text = `${go ? "GO" : "NO-GO"} by ${actor.name}: ${input.note}`;
    const row = await insertExecution(tx, { task, action, actor, status: go ? "succeeded" : "failed", ended: true, output: formatOutputLine({ seq: 0, at: new Date().toISOString(), stream: "system", text }) });
    await audit({ action: "tasks.decide", target: executionTarget(row, readSpec(row)), runId: task.runId, after: { decision: input.decision, role: action.role }, reason: input.note });
    publishExecution(publish, row);
    if (go) {
      await applyTaskEvent(args, { taskId: task.id, event: "complete", action: "tasks.complete" });
    } else {
      if (task.status === "not_started") await applyTaskEvent(args, { taskId: task.id, event: "start", action: "tasks.start" });
      await applyTaskEvent(args, { taskId: task.id, event: "fail", reason: `No-go: ${input.note}`, action: "tasks.fail" });
    }
    return { execution: toExecutionDto(row) };
  },
});
