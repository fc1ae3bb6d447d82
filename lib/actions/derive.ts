// Derives task actions from a plan: which timeline task runs which of the procedure's commands, which
// gets a checklist, a go/no-go gate, a notification or the maintenance notice.
//
// The plan does not link its timeline to its procedure, so the link is inferred, generically:
//   1. Titles say what a task is: go/no-go → gate; "(de)activate maintenance …" → maintenance on/off;
//      "notify / notification / announce" → notify.
//   2. Traffic steps: a task about canary/traffic with a percentage ("Increase canary to 25%") takes the
//      procedure's traffic command line with that percentage; "complete the switch" takes the highest.
//   3. The remaining command steps are matched to tasks by title words (weighted by rarity, so common
//      words like "verify" count little), as an ORDER-PRESERVING alignment: the procedure runs in the
//      timeline's order, so a preparation task days before cannot take the migration step from the
//      deployment-day task that runs it. A verification step right after a matched step joins it
//      (deploy → verify deployment), as does the step a matched verification checks (backup → verify).
//   4. Tasks still without an action get a checklist from the best-matching procedure section or step
//      with bullet items ("Pre-deployment team briefing" → the pre-deployment verification bullets).
import { parseCommandLine, scriptNameOf } from "./command-line";
import { rehearsalTranslationFor } from "./rehearsal";
import type { TCommandStep, TTaskAction } from "./schema";
import type { TPlan, TTask } from "@/lib/plan/schema";
import { TEAM_OWNER } from "@/lib/plan/schema";

export type DeriveOptions = {
  /** Apply the rehearsal translation table (sandbox scripts instead of production commands). */
  rehearsal?: boolean;
};

export type DeriveNote = { taskKey: string | null; message: string };

export type DerivedActions = {
  /** Task key → action, for tasks that got one. */
  actions: Record<string, TTaskAction>;
  /** Why some procedure lines were left out, which translations were applied, what matched what. */
  notes: DeriveNote[];
};

type FlatStep = {
  id: number;
  sectionIndex: number;
  sectionTitle: string;
  title: string;
  checklist: string[];
  lines: Array<{ raw: string; step: TCommandStep | null }>;
};

type FlatTask = TTask & { order: number; phaseIndex: number };

const STOPWORDS = new Set(["a", "an", "the", "to", "of", "for", "and", "or", "in", "on", "at", "all", "with", "from", "into", "by", "up", "is", "are", "be", "our", "its", "it", "as", "new"]);
/** Verbs and fillers that say little about WHICH step a task is. */
const WEAK = new Set(["verify", "check", "run", "start", "execute", "complete", "final", "review", "send", "prepare", "set", "conduct", "perform", "update", "team", "system", "current", "confirm", "ensure", "validate", "do", "make", "task", "step"]);
const TRAFFIC = new Set(["canary", "traffic", "rollout", "weight", "shift", "switch", "cutover"]);
const FULL_TRAFFIC = new Set(["complete", "full", "switch", "cutover", "final", "all"]);

function stem(word: string): string {
  if (word.length > 5 && word.endsWith("ies")) return word.slice(0, -3) + "y";
  if (word.length > 6 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 5 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

export function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\.(js|sh|ts|py|sql)\b/g, " ")
    .split(/[^a-z0-9-]+/)
    .map((w) => w.replace(/^-+|-+$/g, ""))
    .filter((w) => w.length > 1 && !/^\d+$/.test(w) && !STOPWORDS.has(w))
    .map(stem);
}

/** Script names are hyphenated words ("run-migrations"); their parts are words too. */
function scriptTokens(name: string): string[] {
  return tokens(name.replace(/[-_.]/g, " "));
}

function percentOf(title: string): number | null {
  const m = /(\d{1,3})\s*%/.exec(title);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 0 && n <= 100 ? n : null;
}

function isVerification(title: string): boolean {
  return /^(verify|check|validate|confirm|test|smoke)/i.test(title.trim());
}

function toCommandStep(raw: string, label: string, options: DeriveOptions, notes: DeriveNote[]): TCommandStep | null {
  if (options.rehearsal) {
    const translation = rehearsalTranslationFor(raw);
    if (translation) {
      notes.push({ taskKey: null, message: `Rehearsal: "${raw}" (${translation.production}) runs as "${translation.argv.join(" ")}". ${translation.why}` });
      return { argv: [...translation.argv], label };
    }
  }
  const parsed = parseCommandLine(raw);
  if (!parsed.ok) {
    notes.push({ taskKey: null, message: `Left out "${raw}": ${parsed.reason}. Edit the task's action to run it another way.` });
    return null;
  }
  return { argv: parsed.argv, label };
}

function flattenProcedure(plan: TPlan, options: DeriveOptions, notes: DeriveNote[]): FlatStep[] {
  const steps: FlatStep[] = [];
  plan.procedure.forEach((section, sectionIndex) => {
    for (const step of section.steps) {
      steps.push({
        id: steps.length,
        sectionIndex,
        sectionTitle: section.title,
        title: step.title,
        checklist: step.checklist,
        lines: step.commands.map((raw) => ({ raw, step: toCommandStep(raw, step.title, options, notes) })),
      });
    }
  });
  return steps;
}

/** Rarity weights over every title the matcher sees: a word in many titles says little. */
function weigher(texts: string[][]) {
  const df = new Map<string, number>();
  for (const words of texts) for (const w of new Set(words)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = texts.length;
  return (word: string) => {
    const idf = Math.log(1 + n / (df.get(word) ?? 1));
    return WEAK.has(word) ? idf * 0.35 : idf;
  };
}

function similarity(a: string[], b: string[], weight: (w: string) => number): number {
  const setA = new Set(a);
  const setB = new Set(b);
  let shared = 0;
  let strong = false;
  for (const w of setA) {
    if (setB.has(w)) {
      shared += weight(w);
      if (!WEAK.has(w)) strong = true;
    }
  }
  if (!strong) return 0;
  const norm = (s: Set<string>) => [...s].reduce((sum, w) => sum + weight(w), 0);
  return shared / Math.sqrt(norm(setA) * norm(setB));
}

const MATCH_THRESHOLD = 0.3;

function timeoutFor(task: TTask): number {
  const seconds = (Date.parse(task.end) - Date.parse(task.start)) / 1000;
  if (!Number.isFinite(seconds) || task.allDay) return 900;
  return Math.min(3600, Math.max(120, Math.round(seconds)));
}

function commandAction(task: TTask, steps: TCommandStep[]): TTaskAction {
  return { kind: "command", steps, cwd: ".", env: [], timeoutSeconds: timeoutFor(task), expectedExitCode: 0 };
}

function gateRole(plan: TPlan, owner: string): string {
  if (owner !== TEAM_OWNER) return owner;
  return plan.roles.find((r) => /lead/i.test(r.name))?.name ?? plan.roles[0]?.name ?? owner;
}

/** Order-preserving alignment maximising total similarity (weighted LCS). Returns task order → step id. */
function align(tasks: FlatTask[], steps: FlatStep[], score: (t: FlatTask, s: FlatStep) => number): Map<number, number> {
  const n = tasks.length;
  const m = steps.length;
  const best: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const scores: number[][] = tasks.map((t) => steps.map((s) => score(t, s)));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const s = scores[i - 1][j - 1];
      best[i][j] = Math.max(best[i - 1][j], best[i][j - 1], s >= MATCH_THRESHOLD ? best[i - 1][j - 1] + s : -Infinity);
    }
  }
  const pairs = new Map<number, number>();
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const s = scores[i - 1][j - 1];
    if (s >= MATCH_THRESHOLD && Math.abs(best[i][j] - (best[i - 1][j - 1] + s)) < 1e-9) {
      pairs.set(tasks[i - 1].order, steps[j - 1].id);
      i--;
      j--;
    } else if (best[i - 1][j] >= best[i][j - 1]) i--;
    else j--;
  }
  return pairs;
}

export function deriveTaskActions(plan: TPlan, options: DeriveOptions = {}): DerivedActions {
  const notes: DeriveNote[] = [];
  const actions: Record<string, TTaskAction> = {};
  const procedure = flattenProcedure(plan, options, notes);
  const tasks: FlatTask[] = plan.phases.flatMap((phase, phaseIndex) => phase.tasks.map((t) => ({ ...t, phaseIndex, order: 0 })));
  tasks.forEach((t, order) => (t.order = order));

  const taskWords = new Map(tasks.map((t) => [t.key, tokens(t.title)]));
  const stepWords = new Map(
    procedure.map((s) => [s.id, [...tokens(s.title), ...s.lines.flatMap((l) => (l.step ? scriptTokens(scriptNameOf(l.step.argv)) : []))]]),
  );
  const sectionWords = plan.procedure.map((s) => tokens(s.title));
  const weight = weigher([...taskWords.values(), ...stepWords.values(), ...sectionWords]);

  // 1. Kinds the title alone decides.
  const rest: FlatTask[] = [];
  for (const task of tasks) {
    const title = task.title;
    if (/\bgo\s*[/-]?\s*no[\s-]?go\b|\bsign[\s-]?off\b|\bapproval\b|\bdecision\b/i.test(title)) {
      actions[task.key] = { kind: "gate", role: gateRole(plan, task.owner), question: `${title}: go or no-go?` };
    } else if (/\bmaintenance\b/i.test(title) && /\b(de-?activate|disable|turn off|remove|hide|end|lift)\b/i.test(title)) {
      actions[task.key] = { kind: "maintenance", enabled: false };
    } else if (/\bmaintenance\b/i.test(title) && /\b(activate|enable|turn on|show|put up|begin|start)\b/i.test(title)) {
      actions[task.key] = { kind: "maintenance", enabled: true };
    } else if (/\bnotif(y|ication|ications)\b|\bannounce/i.test(title)) {
      actions[task.key] = { kind: "notify", roles: plan.roles.map((r) => r.name), message: `${title} — ${plan.title}` };
    } else rest.push(task);
  }

  // 2. Traffic steps by percentage.
  const trafficLines = procedure.flatMap((s) =>
    s.lines
      .map((line, index) => ({ stepId: s.id, index, line, stepTitle: s.title }))
      .filter(({ line }) => {
        if (!line.step) return false;
        const words = [...scriptTokens(scriptNameOf(line.step.argv)), ...tokens(line.step.argv.join(" "))];
        return words.some((w) => TRAFFIC.has(w)) && trafficPercent(line.step.argv) !== null;
      }),
  );
  const usedLines = new Set<string>();
  const maxPercent = Math.max(-1, ...trafficLines.map((t) => trafficPercent(t.line.step!.argv)!));
  const afterTraffic: FlatTask[] = [];
  for (const task of rest) {
    const words = taskWords.get(task.key)!;
    const aboutTraffic = words.some((w) => TRAFFIC.has(w));
    let percent = aboutTraffic ? percentOf(task.title) : null;
    if (aboutTraffic && percent === null && words.some((w) => FULL_TRAFFIC.has(w)) && maxPercent >= 0) percent = maxPercent;
    const line = percent === null ? undefined : trafficLines.find((t) => trafficPercent(t.line.step!.argv) === percent && !usedLines.has(`${t.stepId}:${t.index}`));
    if (line && line.line.step) {
      usedLines.add(`${line.stepId}:${line.index}`);
      const label = line.stepTitle.includes("%") ? line.stepTitle : `${line.stepTitle} (${percent}%)`;
      actions[task.key] = commandAction(task, [{ argv: line.line.step.argv, label }]);
      notes.push({ taskKey: task.key, message: `"${task.title}" sets traffic to ${percent}% with "${line.line.raw}".` });
    } else afterTraffic.push(task);
  }

  // 3. Command steps by title, in order.
  const commandSteps = procedure.filter((s) => s.lines.some((l, index) => l.step && !usedLines.has(`${s.id}:${index}`)));
  const remainingLines = (s: FlatStep) => s.lines.filter((l, index) => l.step && !usedLines.has(`${s.id}:${index}`)).map((l) => l.step!);
  // A task the plan gives by dates only is preparation over days, not a scripted step in the window:
  // it may still take a command step, but a timed task with the same words wins it.
  const pairs = align(afterTraffic, commandSteps, (t, s) => similarity(taskWords.get(t.key)!, stepWords.get(s.id)!, weight) * (t.allDay ? 0.5 : 1));
  const taken = new Set(pairs.values());
  const byOrder = new Map(afterTraffic.map((t) => [t.order, t]));
  for (const [order, stepId] of [...pairs.entries()].sort((a, b) => a[0] - b[0])) {
    const task = byOrder.get(order)!;
    const step = procedure[stepId];
    const chain: FlatStep[] = [step];
    // The step a verification checks, just before it in its section (backup → verify backup).
    const before = procedure[stepId - 1];
    if (isVerification(step.title) && before && before.sectionIndex === step.sectionIndex && !taken.has(before.id) && remainingLines(before).length) {
      const mine = stepWords.get(step.id)!;
      if (stepWords.get(before.id)!.some((w) => !WEAK.has(w) && mine.includes(w))) {
        chain.unshift(before);
        taken.add(before.id);
      }
    }
    // Verifications right after it in its section (deploy → verify deployment).
    for (let next = procedure[stepId + 1]; next && next.sectionIndex === step.sectionIndex && isVerification(next.title) && !taken.has(next.id) && remainingLines(next).length; next = procedure[next.id + 1]) {
      chain.push(next);
      taken.add(next.id);
    }
    const steps = chain.flatMap(remainingLines);
    if (steps.length === 0) continue;
    actions[task.key] = commandAction(task, steps);
    notes.push({ taskKey: task.key, message: `"${task.title}" runs procedure step${chain.length > 1 ? "s" : ""} ${chain.map((s) => `"${s.title}"`).join(", ")}.` });
  }

  // 4. Checklists for the rest.
  for (const task of afterTraffic) {
    if (actions[task.key]) continue;
    const words = taskWords.get(task.key)!;
    let best: { score: number; items: string[]; from: string } | null = null;
    plan.procedure.forEach((section, sectionIndex) => {
      const items = section.steps.flatMap((s) => s.checklist);
      if (!items.length) return;
      const score = similarity(words, sectionWords[sectionIndex], weight);
      if (score >= MATCH_THRESHOLD && (!best || score > best.score)) best = { score, items, from: `section "${section.title}"` };
    });
    for (const step of procedure) {
      if (!step.checklist.length) continue;
      const score = similarity(words, tokens(step.title), weight);
      if (score >= MATCH_THRESHOLD && (!best || score > best.score)) best = { score, items: step.checklist, from: `step "${step.title}"` };
    }
    const chosen = best as { score: number; items: string[]; from: string } | null;
    if (chosen) {
      actions[task.key] = { kind: "manual", checklist: [...new Set(chosen.items)].slice(0, 100) };
      notes.push({ taskKey: task.key, message: `"${task.title}" gets the checklist of ${chosen.from}.` });
    }
  }

  for (const step of procedure) {
    const unused = step.lines.filter((l, index) => l.step && !usedLines.has(`${step.id}:${index}`));
    if (unused.length && !taken.has(step.id)) notes.push({ taskKey: null, message: `No timeline task runs procedure step "${step.title}" (${unused.map((l) => l.raw).join("; ")}).` });
  }
  return { actions, notes };
}

function trafficPercent(argv: string[]): number | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const m = /^(\d{1,3})%?$/.exec(argv[i]);
    if (m && Number(m[1]) <= 100) return Number(m[1]);
  }
  return null;
}

/** The seed's wiring for a rehearsal: the plan's procedure mapped onto its timeline, sandbox scripts for production commands. */
export function seedActionsFor(plan: TPlan): Record<string, TTaskAction> {
  return deriveTaskActions(plan, { rehearsal: true }).actions;
}
