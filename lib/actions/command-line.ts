// Turns a line from a plan's code block into an argv list — once, at import, by the plan's own text.
// Lines that need a shell (redirects, pipes, substitutions, variables, globs) are refused rather than
// guessed at: the runner never hands a string to a shell.

export type CommandLineParse = { ok: true; argv: string[] } | { ok: false; reason: string };

const OPERATORS: Array<[RegExp, string]> = [
  [/^(?:\d?>>?|&>|<)/, "a redirect"],
  [/^\|/, "a pipe"],
  [/^&&|^\|\|/, "a command list"],
  [/^;/, "a command list"],
  [/^&/, "a background job"],
];

export function parseCommandLine(line: string): CommandLineParse {
  const text = line.trim();
  if (text === "") return { ok: false, reason: "the line is empty" };
  if (text.startsWith("#")) return { ok: false, reason: "the line is a comment" };
  const argv: string[] = [];
  let current = "";
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === " " || c === "\t") {
      if (inWord) argv.push(current);
      current = "";
      inWord = false;
      i++;
      continue;
    }
    if (!inWord) {
      for (const [pattern, what] of OPERATORS) if (pattern.test(text.slice(i))) return { ok: false, reason: `it uses ${what} (needs a shell)` };
      if (c === "#") break; // trailing comment
    }
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return { ok: false, reason: "a quote is not closed" };
      current += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let value = "";
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === "\\" && j + 1 < text.length && '"\\$`'.includes(text[j + 1])) {
          value += text[++j];
          continue;
        }
        if (text[j] === "$" || text[j] === "`") return { ok: false, reason: "it expands a variable or a command (needs a shell)" };
        value += text[j];
      }
      if (j >= text.length) return { ok: false, reason: "a quote is not closed" };
      current += value;
      inWord = true;
      i = j + 1;
      continue;
    }
    if (c === "\\") {
      if (i + 1 >= text.length) return { ok: false, reason: "it continues on the next line" };
      current += text[i + 1];
      inWord = true;
      i += 2;
      continue;
    }
    if (c === "$" || c === "`") return { ok: false, reason: "it expands a variable or a command (needs a shell)" };
    if (c === "*" || c === "?" || (c === "~" && !inWord)) return { ok: false, reason: "it uses a glob or ~ (needs a shell)" };
    if (c === ">" || c === "<" || c === "|" || c === ";" || c === "&") {
      for (const [pattern, what] of OPERATORS) if (pattern.test(text.slice(i))) return { ok: false, reason: `it uses ${what} (needs a shell)` };
    }
    current += c;
    inWord = true;
    i++;
  }
  if (inWord) argv.push(current);
  if (argv.length === 0) return { ok: false, reason: "the line has no command" };
  // `VAR=value cmd` is a shell assignment prefix, not a program.
  if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0])) return { ok: false, reason: "it sets a variable before the command (needs a shell); use the action's env instead" };
  return { ok: true, argv };
}

/** The script a command line runs, e.g. "canary-release.sh" for `./deployment/scripts/canary-release.sh green 5`. */
export function scriptNameOf(argv: string[]): string {
  const interpreters = new Set(["node", "bash", "sh", "python", "python3", "npx", "tsx", "ruby", "perl"]);
  const first = argv[0]?.split("/").pop() ?? "";
  const target = interpreters.has(first) && argv[1] && !argv[1].startsWith("-") ? argv[1] : argv[0] ?? "";
  return target.split("/").pop() ?? target;
}
