import "server-only";
// Action definitions of this area, listed for the registry (REST, OpenAPI, permission matrix).
import { createRunAction } from "./create-run";
import { editRunAction } from "./edit-run";
import { scheduleRunAction } from "./schedule-run";
import { startRunAction } from "./start-run";
import { pauseRunAction } from "./pause-run";
import { resumeRunAction } from "./resume-run";
import { completeRunAction } from "./complete-run";
import { abortRunAction } from "./abort-run";
import { rollbackRunAction } from "./rollback-run";
import { postStatusUpdateAction } from "./post-status-update";
import { startTaskAction } from "./start-task";
import { completeTaskAction } from "./complete-task";
import { blockTaskAction } from "./block-task";
import { failTaskAction } from "./fail-task";
import { noteTaskAction } from "./note-task";
import { skipTaskAction } from "./skip-task";
import { reopenTaskAction } from "./reopen-task";
import { overrideTaskAction } from "./override-task";

export const runsActions = {
  "runs.create": createRunAction,
  "runs.edit": editRunAction,
  "runs.schedule": scheduleRunAction,
  "runs.start": startRunAction,
  "runs.pause": pauseRunAction,
  "runs.resume": resumeRunAction,
  "runs.complete": completeRunAction,
  "runs.abort": abortRunAction,
  "runs.rollback": rollbackRunAction,
  "runs.statusUpdate": postStatusUpdateAction,
  "tasks.start": startTaskAction,
  "tasks.complete": completeTaskAction,
  "tasks.block": blockTaskAction,
  "tasks.fail": failTaskAction,
  "tasks.note": noteTaskAction,
  "tasks.skip": skipTaskAction,
  "tasks.reopen": reopenTaskAction,
  "tasks.override": overrideTaskAction,
} as const;
