// Which tasks wait for which. A plan declares some dependencies (`dependsOn`); the rest follow from the
// timeline, by this rule (applied within each phase, in plan order):
//
//   1. A task waits for the nearest earlier task it does not run ALONGSIDE. It runs alongside an earlier
//      task when both start at the same time, or when the earlier task's window covers its whole window
//      (e.g. "Monitor canary metrics" 03:00–03:40 runs alongside "Start canary (5%)" 03:00–03:10, and the
//      10/25/50% steps run inside it).
//   2. It also waits for every earlier task that has ended by the time it is planned to start (so the
//      step after a background task such as monitoring waits for that task too).
//   3. Edges implied by others are dropped (if C waits for B and B waits for A, C does not list A).
//
// The first task of a phase waits for nothing implicit: phases are ordered by the calendar, not gated.

export type DependencyTask = {
  key: string;
  phasePosition: number;
  position: number;
  plannedStart: Date;
  plannedEnd: Date;
  /** Dependencies the plan declares explicitly. */
  declared?: string[];
};

function runsAlongside(earlier: DependencyTask, task: DependencyTask): boolean {
  const es = earlier.plannedStart.getTime();
  const ee = earlier.plannedEnd.getTime();
  const ts = task.plannedStart.getTime();
  const te = task.plannedEnd.getTime();
  return es === ts || (es <= ts && ee >= te);
}

/** Key → keys it waits for (implicit by the rule above, plus declared), in plan order. */
export function computeDependencies(tasks: DependencyTask[]): Map<string, string[]> {
  const ordered = [...tasks].sort((a, b) => a.phasePosition - b.phasePosition || a.position - b.position);
  const ancestors = new Map<string, Set<string>>();
  const result = new Map<string, string[]>();
  const byPhase = new Map<number, DependencyTask[]>();
  for (const task of ordered) {
    const earlier = byPhase.get(task.phasePosition) ?? [];
    const candidates = new Set<string>();
    for (let i = earlier.length - 1; i >= 0; i--) {
      if (!runsAlongside(earlier[i], task)) {
        candidates.add(earlier[i].key);
        break;
      }
    }
    for (const prior of earlier) if (prior.plannedEnd.getTime() <= task.plannedStart.getTime()) candidates.add(prior.key);
    for (const key of task.declared ?? []) if (key !== task.key) candidates.add(key);
    // Transitive reduction: drop a candidate that another candidate already waits for.
    const direct = [...candidates].filter((key) => ![...candidates].some((other) => other !== key && ancestors.get(other)?.has(key)));
    const order = new Map(ordered.map((t, i) => [t.key, i]));
    direct.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    result.set(task.key, direct);
    const mine = new Set<string>();
    for (const key of direct) {
      mine.add(key);
      for (const a of ancestors.get(key) ?? []) mine.add(a);
    }
    ancestors.set(task.key, mine);
    earlier.push(task);
    byPhase.set(task.phasePosition, earlier);
  }
  return result;
}

export type DependencyState = { key: string; title: string; status: string; dependsOn: string[] };

/** Predecessors of a task that have not finished (completed or skipped). */
export function unfinishedPredecessors<T extends DependencyState>(task: Pick<T, "dependsOn">, all: T[]): T[] {
  const byKey = new Map(all.map((t) => [t.key, t]));
  return task.dependsOn.map((key) => byKey.get(key)).filter((t): t is T => !!t && t.status !== "completed" && t.status !== "skipped");
}

/** Finds a dependency cycle among declared dependencies, if any, as the keys along it. */
export function findCycle(deps: Map<string, string[]>): string[] | null {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (key: string): string[] | null => {
    if (state.get(key) === 2) return null;
    if (state.get(key) === 1) return [...stack.slice(stack.indexOf(key)), key];
    state.set(key, 1);
    stack.push(key);
    for (const next of deps.get(key) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    stack.pop();
    state.set(key, 2);
    return null;
  };
  for (const key of deps.keys()) {
    const found = visit(key);
    if (found) return found;
  }
  return null;
}
