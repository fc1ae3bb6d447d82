import "server-only";
import { z } from "zod";
import { DEFAULT_MAX_BYTES, parsePlan } from "@/lib/plan";
import type { PlanProblem } from "@/lib/plan/schema";
import { ActionError } from "@/server/actions/errors";
import { defineAction } from "@/server/actions/pipeline";
import { importPlanVersion, sha256, type ImportedPlan } from "@/server/plans/import";

/** Largest plan source accepted, in UTF-8 bytes (the parser's own limit). */
export const MAX_PLAN_BYTES = DEFAULT_MAX_BYTES;

export const ZImportPlan = z.object({
  markdown: z
    .string({ error: "Send the plan's Markdown text." })
    // Characters first (cheap), then bytes: a character is 1–4 bytes in UTF-8.
    .max(MAX_PLAN_BYTES, "The plan is larger than 1 MiB.")
    .refine((s) => Buffer.byteLength(s, "utf8") <= MAX_PLAN_BYTES, "The plan is larger than 1 MiB."),
  timezone: z.string().trim().min(1).max(64).optional(),
  fileName: z.string().trim().max(255).optional(),
});
export type TImportPlan = z.infer<typeof ZImportPlan>;

export type TImportPlanResult = ImportedPlan & { warnings: PlanProblem[] };

/** What an invalid plan's refusal carries in `details`, so every client can list the problems by line. */
export type TPlanProblemsDetails = { problems: PlanProblem[]; fileName: string | null };

export function planProblemsError(problems: PlanProblem[], fileName: string | null): ActionError {
  const n = problems.length;
  return new ActionError("invalid", `The plan has ${n} problem${n === 1 ? "" : "s"}.`, { markdown: [`${n} problem${n === 1 ? "" : "s"} in the plan`] }, {
    problems,
    fileName,
  } satisfies TPlanProblemsDetails);
}

/**
 * Imports a Markdown plan: a new plan, or the next version of the plan with the same title. An invalid
 * plan is refused with every problem (and its line) before anything is written.
 */
export const importPlanAction = defineAction({
  name: "plans.import",
  permission: "plans.import",
  input: ZImportPlan,
  rest: { method: "POST", path: "/api/v1/plans", successStatus: 201 },
  summary: "Import a Markdown deployment plan (a new plan, or a new version when the title exists). Also accepts a text/markdown body (?timezone=&fileName=) or a multipart/form-data `file` upload. Invalid plans are refused (400) with every problem and its line in error.details.problems; over 1 MiB → 413.",
  handler: async ({ input, actor, tx, audit, publish }): Promise<TImportPlanResult> => {
    const fileName = input.fileName || null;
    const parsed = parsePlan(input.markdown, { timezone: input.timezone });
    if (!parsed.ok) throw planProblemsError(parsed.problems, fileName);
    const imported = await importPlanVersion(tx, parsed.plan, input.markdown, actor, { warnings: parsed.warnings });
    await audit({
      action: "plans.import",
      target: { type: "plan", id: imported.planId, label: `${imported.title} v${imported.version}` },
      planId: imported.planId,
      after: {
        planVersionId: imported.planVersionId,
        version: imported.version,
        created: imported.created,
        fileName,
        sourceSha256: sha256(input.markdown),
        timezone: parsed.plan.timezone,
        counts: imported.counts,
        warnings: parsed.warnings.length,
      },
    });
    publish({ room: "plans", event: "plans.imported", payload: { planId: imported.planId, version: imported.version, title: imported.title } });
    return { ...imported, warnings: parsed.warnings };
  },
});
