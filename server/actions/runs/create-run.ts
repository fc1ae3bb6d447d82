import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { asc, eq } from "drizzle-orm";
import { planPhases, planTasks, planVersions, runs, taskStates } from "@/db/schema";
import { computeDependencies, defaultMaintenanceWindow, defaultScheduledStart, findCycle, initialTaskStatus, runSlug, shiftTasks } from "@/lib/runs";
import { defineAction } from "@/server/actions/pipeline";
import { ActionError } from "@/server/actions/errors";
import { activityItem, publishRunChange, runDto, runSnapshot } from "@/server/runs/mutations";

const ZInstant = z.iso.datetime({ offset: true, message: "Give a date and time with its offset, e.g. 2025-06-15T01:30:00+01:00." });

export const ZCreateRun = z
  .object({
    planVersionId: z.uuid({ message: "Choose a plan version." }),
    title: z.string().trim().min(3, "Give the run a title of at least 3 characters.").max(200),
    /**
     * When the deployment day begins; planned times move with it. Defaults to the plan's own date, or,
     * once that date has passed, to the next 5-minute mark (so a run is never born hours overdue).
     */
    scheduledStart: ZInstant.optional(),
    windowStart: ZInstant.optional(),
    windowEnd: ZInstant.optional(),
    statusPublic: z.boolean().default(false),
    /** Tasks the plan marks "Completed" start completed (pre-deployment work done before the run). */
    carryPlanStatus: z.boolean().default(true),
    /** Leave the run a draft instead of scheduling it at once. */
    draft: z.boolean().default(false),
  })
  .refine((v) => !v.windowStart || !v.windowEnd || Date.parse(v.windowEnd) > Date.parse(v.windowStart), { message: "The window must end after it starts.", path: ["windowEnd"] });
export type TCreateRun = z.infer<typeof ZCreateRun>;

export const createRunAction = defineAction({
  name: "runs.create",
  permission: "runs.create",
  summary: "Create a run from a plan version; copies the plan's tasks into the run's own task states.",
  input: ZCreateRun,
  rest: { method: "POST", path: "/api/v1/runs", successStatus: 201 },
  handler: async ({ input, actor, tx, audit, publish }) => {
    const [version] = await tx.select().from(planVersions).where(eq(planVersions.id, input.planVersionId)).limit(1);
    if (!version) throw new ActionError("invalid", "Some fields are not valid.", { planVersionId: ["No plan version with this id."] });
    const rows = await tx
      .select({ task: planTasks, phaseName: planPhases.name, phasePosition: planPhases.position })
      .from(planTasks)
      .innerJoin(planPhases, eq(planPhases.id, planTasks.phaseId))
      .where(eq(planTasks.planVersionId, version.id))
      .orderBy(asc(planPhases.position), asc(planTasks.position));
    if (rows.length === 0) throw new ActionError("invalid", "Some fields are not valid.", { planVersionId: ["This plan version has no tasks to run."] });

    const planned = rows.map((r) => ({ ...r.task, phaseName: r.phaseName, phasePosition: r.phasePosition }));
    const planWindow = defaultMaintenanceWindow(planned, version.timezone)!;
    // An explicit start is kept as given; an explicit window start alone anchors the day too.
    const anchor = input.scheduledStart ?? input.windowStart;
    const start = anchor ? new Date(anchor) : defaultScheduledStart(planWindow.start, new Date()).start;
    const offset = start.getTime() - planWindow.start.getTime();
    const tasks = shiftTasks(planned, offset, { timezone: version.timezone, anchor: planWindow.start });
    const deps = computeDependencies(tasks.map((t) => ({ key: t.key, phasePosition: t.phasePosition, position: t.position, plannedStart: t.plannedStart, plannedEnd: t.plannedEnd, declared: t.dependsOn })));
    const cycle = findCycle(deps);
    if (cycle) throw new ActionError("invalid", `The plan's dependencies form a loop: ${cycle.join(" → ")}.`, { planVersionId: ["Dependencies loop."] });

    const windowStart = input.windowStart ? new Date(input.windowStart) : new Date(planWindow.start.getTime() + offset);
    const windowEnd = input.windowEnd ? new Date(input.windowEnd) : new Date(planWindow.end.getTime() + offset);
    if (windowEnd <= windowStart) throw new ActionError("invalid", "Some fields are not valid.", { windowEnd: ["The window must end after it starts."] });

    const [run] = await tx
      .insert(runs)
      .values({
        slug: runSlug(input.title, randomBytes(3).toString("hex")),
        planVersionId: version.id,
        title: input.title,
        state: input.draft ? "draft" : "scheduled",
        timezone: version.timezone,
        scheduledStart: input.scheduledStart ? new Date(input.scheduledStart) : windowStart,
        windowStart,
        windowEnd,
        statusPublic: input.statusPublic,
        createdBy: actor.kind === "user" ? actor.id : null,
        updatedByName: actor.name,
        updatedAt: new Date(),
      })
      .returning();
    await tx.insert(taskStates).values(
      tasks.map((t) => ({
        runId: run.id,
        planTaskId: t.id,
        key: t.key,
        phaseName: t.phaseName,
        phasePosition: t.phasePosition,
        position: t.position,
        title: t.title,
        ownerRole: t.owner,
        status: initialTaskStatus(t.status, input.carryPlanStatus),
        plannedStart: t.plannedStart,
        plannedEnd: t.plannedEnd,
        dependsOn: deps.get(t.key) ?? [],
        action: t.action ?? null,
      })),
    );
    await audit({ action: "runs.create", target: { type: "run", id: run.id, label: run.title }, runId: run.id, planId: version.planId, after: { ...runSnapshot(run), tasks: tasks.length } });
    await publishRunChange(tx, publish, run, { run, activity: activityItem(actor, "runs.create", run.title), statusRelevant: false });
    return runDto(tx, run);
  },
});
