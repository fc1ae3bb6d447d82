import type { PlanProblem } from "@/lib/plan/schema";

/** The problems of a refused plan, each with its line, in the order of the file. */
export function ProblemList({ problems, fileName, title }: { problems: PlanProblem[]; fileName?: string | null; title: string }) {
  return (
    <div role="alert" className="rounded-md border border-rose-700 bg-rose-950/50 p-4" data-testid="plan-problems">
      <h3 className="text-lg font-semibold text-rose-100">
        <span aria-hidden="true">✕ </span>
        {title}
      </h3>
      <ol className="mt-2 space-y-1 text-rose-50">
        {problems.map((p, i) => (
          <li key={i} className="flex gap-3">
            <span className="shrink-0 font-mono text-sm text-rose-200" data-testid="problem-line">
              {fileName ? `${fileName}:` : ""}
              {p.line === null ? "file" : `line ${p.line}`}
            </span>
            <span>{p.message}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
