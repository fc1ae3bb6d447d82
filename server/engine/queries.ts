import "server-only";
// Reads for the step panels: a task's action, checklist and executions, and what the reader may do.
import { desc, eq } from "drizzle-orm";
import { runs, stepExecutions, taskStates } from "@/db/schema";
import { can, ownsTask, type Actor } from "@/lib/auth/permissions";
import { maskActionSecrets, readTaskAction } from "@/lib/actions/schema";
import type { TStepExecutionDto, TTaskPanelDto } from "@/lib/actions/output";
import { ActionError } from "@/server/actions/errors";
import { getDb } from "@/server/db/client";
import { toExecutionDto } from "./executions";
import { isUuid } from "@/server/db/uuid";

export type TTaskPanel = TTaskPanelDto;

export async function loadTaskPanel(taskId: string, actor: Actor): Promise<TTaskPanel> {
  if (!isUuid(taskId)) throw new ActionError("not_found", "No task with this id.");
  const db = getDb();
  const [task] = await db.select().from(taskStates).where(eq(taskStates.id, taskId)).limit(1);
  if (!task) throw new ActionError("not_found", "No task with this id.");
  const [run] = await db.select({ state: runs.state }).from(runs).where(eq(runs.id, task.runId)).limit(1);
  const rows = await db.select().from(stepExecutions).where(eq(stepExecutions.taskStateId, task.id)).orderBy(desc(stepExecutions.queuedAt)).limit(20);
  const action = readTaskAction(task.action);
  const owns = ownsTask(actor, task.ownerRole);
  const holdsGate = action?.kind === "gate" && (actor.productRole === "admin" || actor.teamRoles.some((r) => r.toLowerCase() === action.role.toLowerCase()));
  return {
    task: { id: task.id, runId: task.runId, key: task.key, title: task.title, ownerRole: task.ownerRole, status: task.status, version: task.version, reason: task.reason, checklistDone: task.checklistDone },
    runState: run?.state ?? "draft",
    action: action ? maskActionSecrets(action) : null,
    executions: rows.map((row, i) => toExecutionDto(row, { withOutput: i === 0 })),
    may: {
      run: can(actor, "steps.run") && owns,
      cancel: can(actor, "steps.cancel"),
      resolve: can(actor, "steps.resolve"),
      tick: can(actor, "tasks.checklist") && owns,
      decide: can(actor, "tasks.decide") && !!holdsGate,
      editAction: can(actor, "tasks.editAction"),
    },
  };
}

export async function loadExecutionDto(id: string): Promise<TStepExecutionDto> {
  if (!isUuid(id)) throw new ActionError("not_found", "No step execution with this id.");
  const [row] = await getDb().select().from(stepExecutions).where(eq(stepExecutions.id, id)).limit(1);
  if (!row) throw new ActionError("not_found", "No step execution with this id.");
  return toExecutionDto(row);
}
